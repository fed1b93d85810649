/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.InfobipBulkIdGenerator;
import com.infobip.smtp.InfobipDefaultHeadersPostProcessor;
import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipMailSenderBuilder;
import com.infobip.smtp.InfobipMailSenderBuilderCustomizer;
import com.infobip.smtp.InfobipMessagePostProcessor;
import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.observation.InfobipSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for {@link InfobipMailSender}. Runs before Spring Boot's mail
 * auto-configuration, which then backs off; backs off itself, as Spring Boot's does, when
 * the application defines its own {@link MailSender} (a {@link JavaMailSender} or any
 * other).
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = MailSenderAutoConfiguration.class)
@ConditionalOnClass({ MimeMessage.class, JavaMailSender.class, SMTPTransport.class })
@ConditionalOnBooleanProperty(name = "infobip.smtp.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(MailSender.class)
@EnableConfigurationProperties({ InfobipSmtpProperties.class, InfobipSmtpWebhookProperties.class })
public final class InfobipSmtpAutoConfiguration {

	private static final Log logger = LogFactory.getLog(InfobipSmtpAutoConfiguration.class);

	InfobipSmtpAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "infobipDefaultHeadersPostProcessor")
	InfobipDefaultHeadersPostProcessor infobipDefaultHeadersPostProcessor(InfobipSmtpProperties properties,
			InfobipSmtpWebhookProperties webhook) {
		return new InfobipDefaultHeadersPostProcessor(DefaultHeadersMapper.defaultHeaders(properties, webhook));
	}

	@Bean
	@ConditionalOnBooleanProperty("infobip.smtp.generate-bulk-id")
	@ConditionalOnMissingBean
	InfobipBulkIdGenerator infobipBulkIdGenerator() {
		return new InfobipBulkIdGenerator();
	}

	@Bean
	SendExecutor infobipSmtpSendExecutor(InfobipSmtpProperties properties, Environment environment,
			ObjectProvider<TaskDecorator> taskDecorators) {
		return SendExecutor.create(TaskBuilders.of(taskDecorators, environment),
				SenderPropertiesMapper.maxConnections(properties));
	}

	@Bean
	InfobipMailSender infobipMailSender(InfobipSmtpProperties properties, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<InfobipMessagePostProcessor> postProcessors,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<InfobipSendObservationConvention> observationConvention,
			ObjectProvider<InfobipMailSenderBuilderCustomizer> customizers, SendExecutor sendExecutor,
			Environment environment) {
		SmtpConnectionSettings settings = ConnectionSettingsMapper.create(properties, sslBundles.getIfAvailable());
		InfobipMailSenderBuilder builder = InfobipMailSender.builder(settings);
		SenderPropertiesMapper.apply(properties, builder);
		builder.executor(sendExecutor.executor())
			.taskDecorator(sendExecutor.taskDecorator())
			.postProcessors(postProcessors.orderedStream().toList())
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfAvailable());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		InfobipMailSender sender = builder.build();
		if (properties.isTestConnection()) {
			testConnection(sender);
		}
		if (StringUtils.hasText(environment.getProperty("spring.mail.host"))) {
			logger.warn("spring.mail.host is set but not used: mail is sent by InfobipMailSender through "
					+ settings.describe()
					+ ". Set infobip.smtp.host to use another relay, or infobip.smtp.enabled=false to use Spring Boot's mail sender.");
		}
		return sender;
	}

	private static void testConnection(InfobipMailSender sender) {
		try {
			sender.testConnection();
		}
		catch (MessagingException ex) {
			throw new InfobipSmtpConfigurationException(
					"Could not connect to and authenticate with the Infobip SMTP relay "
							+ sender.getConnectionSettings().describe() + ": " + ex.getMessage(),
					"Check infobip.smtp.host, infobip.smtp.port and the credentials, or set infobip.smtp.test-connection=false to start without this check.");
		}
	}

}

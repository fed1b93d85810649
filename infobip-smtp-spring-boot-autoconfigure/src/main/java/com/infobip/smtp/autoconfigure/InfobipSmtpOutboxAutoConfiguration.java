/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.webhook.InfobipDeliveryReportEvent;
import com.infobip.smtp.webhook.InfobipTrackingEvent;
import com.infobip.smtp.webhook.InfobipWebhookDeduplication;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration for the JDBC {@link InfobipMailOutbox}, with
 * {@code infobip.smtp.outbox.enabled=true}: the outbox on the application's
 * {@link DataSource}, its tables, the ledger's updates from delivery reports and tracking
 * events, and the webhook's deduplication in the database. Backs off when the application
 * defines its own {@link InfobipMailOutbox}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { InfobipSmtpAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "infobip.smtp.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("infobip.smtp.outbox.enabled")
@EnableConfigurationProperties(InfobipSmtpOutboxProperties.class)
public final class InfobipSmtpOutboxAutoConfiguration {

	InfobipSmtpOutboxAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
	@ConditionalOnBean(InfobipMailSender.class)
	@ConditionalOnMissingBean(InfobipMailOutbox.class)
	static class JdbcOutboxConfiguration {

		@Bean
		OutboxSchemaInitializer infobipSmtpOutboxSchemaInitializer(ObjectProvider<DataSource> dataSource,
				InfobipSmtpOutboxProperties outbox) {
			return new OutboxSchemaInitializer(requireDataSource(dataSource), outbox);
		}

		@Bean
		OutboxThreads infobipSmtpOutboxThreads(InfobipSmtpOutboxProperties outbox, Environment environment,
				ObjectProvider<TaskDecorator> taskDecorators) {
			return OutboxThreads.create(TaskBuilders.of(taskDecorators, environment),
					PropertyChecks.atLeastOne("outbox.concurrency", outbox.getConcurrency()));
		}

		@Bean
		@DependsOnDatabaseInitialization
		JdbcMailOutbox infobipMailOutbox(ObjectProvider<DataSource> dataSource, InfobipMailSender sender,
				InfobipSmtpOutboxProperties outbox, InfobipSmtpProperties properties, OutboxThreads threads,
				ApplicationEventPublisher eventPublisher) {
			DataSource database = requireDataSource(dataSource);
			requireTables(database, outbox);
			return OutboxSettingsMapper.create(database, sender, threads, outbox, properties, eventPublisher);
		}

		@Bean
		InfobipWebhookDeduplication infobipWebhookDeduplication(JdbcMailOutbox outbox) {
			return outbox.webhookDeduplication();
		}

		@Bean
		ApplicationListener<InfobipDeliveryReportEvent> infobipOutboxDeliveryReportListener(JdbcMailOutbox outbox) {
			return (event) -> outbox.recordDeliveryReport(event.getReport());
		}

		@Bean
		ApplicationListener<InfobipTrackingEvent> infobipOutboxTrackingEventListener(JdbcMailOutbox outbox) {
			return (event) -> outbox.recordTrackingEvent(event.getNotification());
		}

		private static void requireTables(DataSource dataSource, InfobipSmtpOutboxProperties outbox) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			for (String table : List.of("INFOBIP_SMTP_OUTBOX", "INFOBIP_SMTP_WEBHOOK_SEEN")) {
				try {
					jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0", Long.class);
				}
				catch (DataAccessException ex) {
					throw new InfobipSmtpConfigurationException(
							"infobip.smtp.outbox.enabled=true but table " + table
									+ " cannot be read (infobip.smtp.outbox.initialize-schema="
									+ outbox.getInitializeSchema().name().toLowerCase(Locale.ROOT)
									+ "; Spring Boot does not count a file or server database as embedded): "
									+ ex.getMostSpecificCause().getMessage(),
							"Set infobip.smtp.outbox.initialize-schema=always, or create the tables with your migrations from com/infobip/smtp/outbox/schema-<platform>.sql.");
				}
			}
			OutboxTables.requireOperationsColumns(jdbc);
		}

		private static DataSource requireDataSource(ObjectProvider<DataSource> dataSource) {
			DataSource unique = dataSource.getIfUnique();
			if (unique == null) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.outbox.enabled=true but there is no single DataSource to keep the outbox in.",
						"Add spring-boot-starter-jdbc and a database (spring.datasource.url, or H2 on the class path), mark one DataSource @Primary, or set infobip.smtp.outbox.enabled=false.");
			}
			return unique;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer")
	static class JdbcUnavailableConfiguration {

		@Bean
		@ConditionalOnMissingBean(InfobipMailOutbox.class)
		InfobipMailOutbox infobipMailOutbox() {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.outbox.enabled=true but Spring Boot's JDBC support (spring-boot-jdbc) is not on the class path.",
					"Add spring-boot-starter-jdbc and a database driver, or set infobip.smtp.outbox.enabled=false.");
		}

	}

}

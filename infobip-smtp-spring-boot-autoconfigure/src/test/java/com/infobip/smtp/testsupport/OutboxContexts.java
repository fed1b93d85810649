/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.util.UUID;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.autoconfigure.InfobipSmtpOutboxAutoConfiguration;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Context runners with the sender and the JDBC outbox on a fresh in-memory H2 database,
 * and messages to enqueue.
 */
public final class OutboxContexts {

	private OutboxContexts() {
	}

	/**
	 * Return a runner with the outbox enabled on its own H2 database, polling and
	 * retrying fast. The relay is not set: add {@link TestRelayProperties#relay} or
	 * {@link #unreachableRelay()}.
	 * @return the runner
	 */
	public static ApplicationContextRunner withOutbox() {
		return withDatabase().withPropertyValues("infobip.smtp.outbox.enabled=true");
	}

	/**
	 * Return a runner with the sender, the outbox auto-configuration and its own H2
	 * database, the outbox not enabled, polling and retrying fast once it is.
	 * @return the runner
	 */
	public static ApplicationContextRunner withDatabase() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, InfobipSmtpAutoConfiguration.class,
					InfobipSmtpOutboxAutoConfiguration.class))
			.withPropertyValues(h2(), "infobip.smtp.outbox.poll-interval=100ms",
					"infobip.smtp.outbox.initial-backoff=100ms", "infobip.smtp.outbox.max-backoff=200ms",
					"infobip.smtp.retry.initial-backoff=10ms", "infobip.smtp.retry.max-backoff=20ms");
	}

	/**
	 * Return the property of a fresh in-memory H2 database.
	 * @return the property
	 */
	public static String h2() {
		return "spring.datasource.url=jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	/**
	 * Return properties of a relay on a closed loopback port, so that nothing leaves the
	 * machine should a dispatcher send.
	 * @return the properties
	 */
	public static String[] unreachableRelay() {
		return new String[] { "infobip.smtp.api-key=k", "infobip.smtp.host=127.0.0.1", "infobip.smtp.port=1",
				"infobip.smtp.connection-timeout=1s" };
	}

	/**
	 * Return a plain text message to one recipient.
	 * @param sender creates the message
	 * @param to the recipient
	 * @return the message
	 * @throws MessagingException if the message cannot be built
	 */
	public static MimeMessage plain(InfobipMailSender sender, String to) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo(to);
		helper.setSubject("Your order");
		helper.setText("Thanks for your order.");
		return message;
	}

}

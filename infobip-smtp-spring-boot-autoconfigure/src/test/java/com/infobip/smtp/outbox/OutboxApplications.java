/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.autoconfigure.InfobipSmtpOutboxAutoConfiguration;
import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelayProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Applications with the outbox on a shared database of a real server, for the tests that
 * run several instances (in this JVM or in child JVMs), and what they share: the schema
 * with an audit of every status change, the messages, and how the relay's copies are
 * matched to the entries.
 */
final class OutboxApplications {

	private static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: <([^>]+)>");

	private OutboxApplications() {
	}

	/**
	 * Create the outbox tables from the platform's script, and a trigger that records
	 * every status change of an entry in {@code OUTBOX_AUDIT}: with the claim's token and
	 * the application name of the connection that made it, so that the claims of one
	 * instance can be told from those of another.
	 * @param database the database
	 */
	static void createSchema(TestDatabase database) {
		new ResourceDatabasePopulator(
				new ClassPathResource("com/infobip/smtp/outbox/schema-" + database.platform() + ".sql"))
			.execute(database.dataSource());
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		database.auditSchema().forEach(jdbc::execute);
	}

	/**
	 * Return the properties of an instance: the outbox on the given database, sending to
	 * a relay on the given port, with short claims and polls.
	 */
	static String[] properties(String jdbcUrl, int relayPort, String... more) {
		List<String> properties = new ArrayList<>(
				List.of("spring.datasource.url=" + jdbcUrl, "spring.datasource.hikari.maximum-pool-size=16",
						"spring.datasource.hikari.connection-timeout=2000", "infobip.smtp.outbox.enabled=true",
						"infobip.smtp.outbox.initialize-schema=never", "infobip.smtp.outbox.claim-timeout=2s",
						"infobip.smtp.outbox.poll-interval=100ms", "infobip.smtp.shutdown-timeout=2s"));
		properties.addAll(Arrays.asList(TestRelayProperties.relay(relayPort, "STARTTLS")));
		properties.addAll(Arrays.asList(more));
		return properties.toArray(String[]::new);
	}

	/**
	 * Start an instance, without a web server.
	 * @param properties its properties
	 * @return its context
	 */
	static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(OutboxApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	/**
	 * Return a small plain message whose Message-ID is {@code <id@example.com>}.
	 */
	static MimeMessage message(InfobipMailSender sender, String id) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo(id + "@example.com");
		helper.setSubject("Order " + id);
		helper.setText("Thanks for order " + id + ".");
		message.setHeader("Message-ID", messageId(id));
		return message;
	}

	/**
	 * Return the Message-ID of the message {@link #message} makes for {@code id}.
	 */
	static String messageId(String id) {
		return "<" + id + "@example.com>";
	}

	/**
	 * Return the queue ids the relay answered for each Message-ID it received, in the
	 * order received.
	 */
	static Map<String, List<String>> queueIdsByMessageId(SmtpTestRelay relay) {
		Map<String, List<String>> received = new HashMap<>();
		for (QueuedMessage message : relay.getMessages()) {
			Matcher matcher = MESSAGE_ID.matcher(message.text());
			String messageId = matcher.find() ? "<" + matcher.group(1) + ">" : "none";
			received.computeIfAbsent(messageId, (key) -> new ArrayList<>()).add(message.messageId());
		}
		return received;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, DataSourceAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, InfobipSmtpAutoConfiguration.class,
			InfobipSmtpOutboxAutoConfiguration.class })
	static class OutboxApplication {

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upgrade script on a real server: an outbox created from the first published script,
 * with an entry waiting, works once it ran. A subclass runs it on each real server.
 */
abstract class AbstractOutboxSchemaUpgradeTests {

	/**
	 * Return a new database on the server.
	 */
	abstract TestDatabase createDatabase();

	@Test
	void entryEnqueuedOnTheFirstSchemaIsSentAfterTheUpgrade() throws Exception {
		TestDatabase database = createDatabase();
		populate(database, "outbox-first-schema/schema-" + database.platform() + ".sql");
		long before = System.currentTimeMillis() - 1000;
		new JdbcTemplate(database.dataSource()).update(
				"INSERT INTO INFOBIP_SMTP_OUTBOX (ID, STATUS, MESSAGE_ID,"
						+ " RECIPIENTS, CONTENT, ATTEMPTS, CREATED_AT, NEXT_ATTEMPT_AT) VALUES"
						+ " ('before', 'PENDING', '<before@example.com>', 'user@example.com', ?, 0, ?, ?)",
				("From: shop@example.com\r\nTo: user@example.com\r\nSubject: Before\r\n"
						+ "Message-ID: <before@example.com>\r\n\r\nEnqueued before the upgrade.\r\n")
					.getBytes(StandardCharsets.US_ASCII),
				before, before);
		populate(database, "com/infobip/smtp/outbox/upgrade-operations-" + database.platform() + ".sql");
		try (SmtpTestRelay relay = TestRelays.start();
				ConfigurableApplicationContext context = OutboxApplications
					.start(OutboxApplications.properties(database.jdbcUrl("upgraded"), relay.getPort()))) {
			InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> outbox.find("before").orElseThrow().status() == InfobipOutboxStatus.SENT);
			String keyed = outbox.enqueue("after",
					OutboxApplications.message(context.getBean(InfobipMailSender.class), "after"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> outbox.find(keyed).orElseThrow().status() == InfobipOutboxStatus.SENT);
			assertThat(relay.getMessages()).hasSize(2);
		}
	}

	private static void populate(TestDatabase database, String script) {
		new ResourceDatabasePopulator(new ClassPathResource(script)).execute(database.dataSource());
	}

}

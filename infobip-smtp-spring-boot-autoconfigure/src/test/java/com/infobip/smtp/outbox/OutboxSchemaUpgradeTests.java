/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import com.infobip.smtp.autoconfigure.InfobipSmtpConfigurationException;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outbox created from the first published scripts: refused at startup with what to
 * run, and working once the upgrade script ran, its entries enqueued before sent.
 */
class OutboxSchemaUpgradeTests {

	@Test
	void outboxOnTheFirstSchemaIsRefusedWithTheUpgradeScriptToRun() {
		String url = "jdbc:h2:mem:outbox-first-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		populate(url, "outbox-first-schema/schema-h2.sql");
		OutboxContexts.withOutbox()
			.withPropertyValues("spring.datasource.url=" + url, "infobip.smtp.outbox.initialize-schema=never")
			.withPropertyValues(OutboxContexts.unreachableRelay())
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InfobipSmtpConfigurationException.class)
					.hasMessageContaining("lack what the outbox's operations need");
				assertThat(((InfobipSmtpConfigurationException) NestedExceptionUtils
					.getRootCause(context.getStartupFailure())).getAction())
					.contains("com/infobip/smtp/outbox/upgrade-operations-<platform>.sql");
			});
	}

	@Test
	void initializingTheSchemaOverTheFirstOneIsRefusedWithTheUpgradeScriptToRun() {
		String url = "jdbc:h2:mem:outbox-first-always-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		populate(url, "outbox-first-schema/schema-h2.sql");
		OutboxContexts.withOutbox()
			.withPropertyValues("spring.datasource.url=" + url, "infobip.smtp.outbox.initialize-schema=always")
			.withPropertyValues(OutboxContexts.unreachableRelay())
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InfobipSmtpConfigurationException.class)
					.hasMessageContaining("created by an earlier script");
				assertThat(((InfobipSmtpConfigurationException) NestedExceptionUtils
					.getRootCause(context.getStartupFailure())).getAction())
					.contains("com/infobip/smtp/outbox/upgrade-operations-<platform>.sql");
			});
	}

	@Test
	void entryEnqueuedOnTheFirstSchemaIsSentAfterTheUpgrade() throws Exception {
		String url = "jdbc:h2:mem:outbox-upgraded-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		populate(url, "outbox-first-schema/schema-h2.sql");
		DataSource dataSource = new DriverManagerDataSource(url, "sa", "");
		new JdbcTemplate(dataSource).update("INSERT INTO INFOBIP_SMTP_OUTBOX (ID, STATUS,"
				+ " MESSAGE_ID, ENVELOPE_FROM, RECIPIENTS, CONTENT, ATTEMPTS, CREATED_AT, NEXT_ATTEMPT_AT) VALUES"
				+ " ('before', 'PENDING', '<before@example.com>', NULL, 'user@example.com', ?, 0, ?, ?)",
				("From: shop@example.com\r\nTo: user@example.com\r\nSubject: Before\r\n"
						+ "Message-ID: <before@example.com>\r\n\r\nEnqueued before the upgrade.\r\n")
					.getBytes(StandardCharsets.US_ASCII),
				System.currentTimeMillis() - 1000, System.currentTimeMillis() - 1000);
		populate(url, "com/infobip/smtp/outbox/upgrade-operations-h2.sql");
		try (SmtpTestRelay relay = TestRelays.start()) {
			OutboxContexts.withOutbox()
				.withPropertyValues("spring.datasource.url=" + url, "infobip.smtp.outbox.initialize-schema=never")
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					InfobipMailOutboxTests.awaitStatus(outbox, "before", InfobipOutboxStatus.SENT);
					String keyed = outbox.enqueue("after", InfobipMailOutboxTests.plain(context, "next@example.com"));
					InfobipMailOutboxTests.awaitStatus(outbox, keyed, InfobipOutboxStatus.SENT);
					assertThat(relay.getMessages()).hasSize(2);
					assertThat(outbox.oldestPendingAge()).isEmpty();
				});
		}
	}

	private static void populate(String url, String script) {
		new ResourceDatabasePopulator(new ClassPathResource(script))
			.execute(new DriverManagerDataSource(url, "sa", ""));
	}

}

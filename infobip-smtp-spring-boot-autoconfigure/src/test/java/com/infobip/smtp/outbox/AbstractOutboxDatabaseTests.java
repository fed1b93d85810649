/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.infobip.smtp.outbox.InfobipMailOutboxTests.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on a real database server, in the tables that
 * {@code infobip.smtp.outbox.initialize-schema} creates from the platform's script: what
 * is committed is sent once and byte for byte, what is rolled back never, and the
 * dispatchers of several instances claim each entry once, passing by the entries another
 * transaction holds locked ({@code FOR UPDATE SKIP LOCKED}). A subclass runs these tests
 * on each real server.
 */
abstract class AbstractOutboxDatabaseTests {

	/**
	 * Return a new database on the server.
	 */
	abstract TestDatabase createDatabase();

	@Test
	void initializeSchemaCreatesTheTablesAndKeepsThemWhenAnInstanceStartsAgain() {
		TestDatabase database = createDatabase();
		try (SmtpTestRelay relay = TestRelays.start()) {
			String first;
			try (ConfigurableApplicationContext instance = start(database, "schema-1", relay)) {
				first = outbox(instance).enqueue(message(instance, "first"));
				awaitStatus(outbox(instance), first, InfobipOutboxStatus.SENT);
			}
			try (ConfigurableApplicationContext instance = start(database, "schema-2", relay)) {
				InfobipMailOutbox outbox = outbox(instance);
				assertThat(outbox.find(first)).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.SENT);
				awaitStatus(outbox, outbox.enqueue(message(instance, "second")), InfobipOutboxStatus.SENT);
			}
			assertThat(OutboxApplications.queueIdsByMessageId(relay))
				.containsOnlyKeys(OutboxApplications.messageId("first"), OutboxApplications.messageId("second"));
		}
	}

	@Test
	void committedMessageIsSentByteForByteAndRolledBackOneIsNeitherStoredNorSent() throws Exception {
		TestDatabase database = createDatabase();
		try (SmtpTestRelay relay = TestRelays.start();
				ConfigurableApplicationContext instance = start(database, "bytes", relay)) {
			InfobipMailOutbox outbox = outbox(instance);
			TransactionTemplate transactions = new TransactionTemplate(
					instance.getBean(PlatformTransactionManager.class));
			MimeMessage rolledBackMessage = message(instance, "rolled-back");
			String rolledBack = transactions.execute((status) -> {
				String id = outbox.enqueue(rolledBackMessage);
				status.setRollbackOnly();
				return id;
			});
			// 8-bit headers and text, a binary attachment: sent directly, then queued
			MimeMessage direct = InfobipMailOutboxTests.multipart(instance, "user@example.com");
			direct.setHeader("Message-ID", "<fixed@example.com>");
			direct.setHeader("X-Order-Note", "Grüße aus Köln");
			instance.getBean(InfobipMailSender.class).send(direct);
			MimeMessage queued = InfobipMailOutboxTests.multipart(instance, "user@example.com");
			queued.setHeader("Message-ID", "<fixed@example.com>");
			queued.setHeader("X-Order-Note", "Grüße aus Köln");
			queued.setSentDate(direct.getSentDate());
			String committed = transactions.execute((status) -> outbox.enqueue(queued));
			InfobipOutboxEntry entry = awaitStatus(outbox, committed, InfobipOutboxStatus.SENT);

			assertThat(outbox.find(rolledBack)).isEmpty();
			List<QueuedMessage> received = relay.getMessages();
			assertThat(received).hasSize(2);
			assertThat(InfobipMailOutboxTests.withoutBoundaries(received.get(1)))
				.isEqualTo(InfobipMailOutboxTests.withoutBoundaries(received.get(0)));
			assertThat(received.get(1).recipients()).isEqualTo(received.get(0).recipients());
			assertThat(received.get(1).from()).isEqualTo(received.get(0).from());
			assertThat(entry.messageId()).isEqualTo(received.get(1).messageId());
			assertThat(entry.messageIdHeader()).isEqualTo("<fixed@example.com>");
			assertThat(entry.bulkId()).isEqualTo("orders-2026");
		}
	}

	@Test
	void dispatchersOfTwoInstancesSendEachEntryOnce() throws Exception {
		TestDatabase database = createDatabase();
		OutboxApplications.createSchema(database);
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		int transactions = 40;
		int messagesPerTransaction = 10;
		// slow answers and small batches, so that the dispatchers compete for the entries
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(5));
				ConfigurableApplicationContext first = OutboxApplications.start(OutboxApplications
					.properties(database.jdbcUrl("claims-a"), relay.getPort(), "infobip.smtp.outbox.batch-size=4"));
				ConfigurableApplicationContext second = OutboxApplications.start(OutboxApplications
					.properties(database.jdbcUrl("claims-b"), relay.getPort(), "infobip.smtp.outbox.batch-size=4"))) {
			// each enqueues half, which wakes its own dispatchers
			List<ConfigurableApplicationContext> instances = List.of(first, second);
			for (int transaction = 0; transaction < transactions; transaction++) {
				ConfigurableApplicationContext instance = instances.get(transaction % 2);
				List<MimeMessage> messages = new ArrayList<>();
				for (int i = 0; i < messagesPerTransaction; i++) {
					messages.add(message(instance, "c-" + transaction + "-" + i));
				}
				new TransactionTemplate(instance.getBean(PlatformTransactionManager.class))
					.executeWithoutResult((status) -> messages.forEach(outbox(instance)::enqueue));
			}
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> jdbc.queryForObject(
						"SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX WHERE STATUS IN ('PENDING', 'SENDING')",
						Long.class) == 0);

			Map<String, List<String>> queueIdsByMessageId = OutboxApplications.queueIdsByMessageId(relay);
			assertThat(queueIdsByMessageId).hasSize(transactions * messagesPerTransaction);
			assertThat(queueIdsByMessageId.values()).as("copies the relay received of each message")
				.allSatisfy((queueIds) -> assertThat(queueIds).hasSize(1));
			assertThat(jdbc.queryForList("SELECT DISTINCT STATUS FROM INFOBIP_SMTP_OUTBOX", String.class))
				.containsExactly("SENT");
			assertThat(jdbc.queryForObject("SELECT MAX(ATTEMPTS) FROM INFOBIP_SMTP_OUTBOX", Integer.class))
				.isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OUTBOX_AUDIT WHERE NEW_STATUS = 'SENDING'",
					Integer.class))
				.as("entries offered")
				.isEqualTo(transactions * messagesPerTransaction);
			assertThat(jdbc.queryForList("SELECT DISTINCT APP FROM OUTBOX_AUDIT WHERE NEW_STATUS = 'SENDING'",
					String.class))
				.as("instances that offered entries")
				.containsExactlyInAnyOrder("claims-a", "claims-b");
		}
	}

	@Test
	void dispatcherPassesByTheEntriesAnotherTransactionHoldsLocked() throws Exception {
		TestDatabase database = createDatabase();
		try (SmtpTestRelay relay = TestRelays.start();
				ConfigurableApplicationContext instance = start(database, "skip-locked", relay)) {
			JdbcMailOutbox outbox = instance.getBean(JdbcMailOutbox.class);
			outbox.stop();
			List<String> locked = new ArrayList<>();
			List<String> free = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				locked.add(outbox.enqueue(message(instance, "locked-" + i)));
				free.add(outbox.enqueue(message(instance, "free-" + i)));
			}
			// One by one, by primary key: a statement for all three may scan the
			// table, which at MariaDB's REPEATABLE READ locks every row it reads.
			try (Connection connection = database.dataSource().getConnection();
					PreparedStatement lock = connection
						.prepareStatement("SELECT ID FROM INFOBIP_SMTP_OUTBOX WHERE ID = ? FOR UPDATE")) {
				connection.setAutoCommit(false);
				for (String id : locked) {
					lock.setString(1, id);
					try (ResultSet result = lock.executeQuery()) {
						assertThat(result.next()).as(id + " locked").isTrue();
					}
				}
				outbox.start();
				// sooner than the claim would give up waiting for a lock (MariaDB: 50 s)
				free.forEach((id) -> awaitStatus(outbox, id, InfobipOutboxStatus.SENT));
				assertThat(locked).allSatisfy((id) -> assertThat(outbox.find(id)).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.PENDING));
				connection.rollback();
			}
			locked.forEach((id) -> awaitStatus(outbox, id, InfobipOutboxStatus.SENT));
			assertThat(relay.getMessageCount()).isEqualTo(6);
		}
	}

	private static ConfigurableApplicationContext start(TestDatabase database, String application,
			SmtpTestRelay relay) {
		return OutboxApplications.start(OutboxApplications.properties(database.jdbcUrl(application), relay.getPort(),
				"infobip.smtp.outbox.initialize-schema=always"));
	}

	private static InfobipMailOutbox outbox(ConfigurableApplicationContext instance) {
		return instance.getBean(InfobipMailOutbox.class);
	}

	private static MimeMessage message(ConfigurableApplicationContext instance, String id) {
		try {
			return OutboxApplications.message(instance.getBean(InfobipMailSender.class), id);
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

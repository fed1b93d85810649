/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.CuttableProxy;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances share the outbox on one database and one relay; 10,000 messages are
 * enqueued in transactions, some rolled back, while they dispatch, and one instance is
 * cut off mid-run (its relay connections and its database connections reset, no graceful
 * stop). Every committed message reaches the relay exactly once, or ends {@code UNKNOWN}
 * having reached it at most once, and only the sends the cut instance had in flight may
 * end {@code UNKNOWN}. A subclass runs it on each real server.
 */
abstract class AbstractOutboxThreeInstancesTests {

	private static final Log logger = LogFactory.getLog(AbstractOutboxThreeInstancesTests.class);

	private static final int TRANSACTIONS = 1000;

	private static final int MESSAGES_PER_TRANSACTION = 10;

	private static final int ROLLBACK_EVERY = 7;

	private static final int SENT_BEFORE_THE_CUT = 3000;

	private static final int ENQUEUERS_PER_INSTANCE = 2;

	/**
	 * Return a new database on the server.
	 */
	abstract TestDatabase createDatabase();

	@Test
	void everyCommittedMessageIsSentOnceOrUnknownWhenOneOfThreeInstancesIsCutOffMidRun() throws Exception {
		TestDatabase database = createDatabase();
		OutboxApplications.createSchema(database);
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		ExecutorService enqueuers = Executors.newFixedThreadPool(3 * ENQUEUERS_PER_INSTANCE);
		try (SmtpTestRelay relay = TestRelays.start();
				CuttableProxy relayProxy = new CuttableProxy(relay.getPort());
				CuttableProxy databaseProxy = new CuttableProxy(database.port())) {
			contexts.add(OutboxApplications
				.start(OutboxApplications.properties(database.jdbcUrl("outbox-a"), relay.getPort())));
			contexts.add(OutboxApplications
				.start(OutboxApplications.properties(database.jdbcUrl("outbox-b"), relay.getPort())));
			// the instance to cut off reaches the relay and database through proxies
			ConfigurableApplicationContext doomed = OutboxApplications.start(OutboxApplications
				.properties(database.jdbcUrl(databaseProxy.port(), "outbox-c"), relayProxy.port()));
			contexts.add(doomed);

			long databaseTransactionsBefore = database.transactions();
			Transactions transactions = new Transactions();
			List<Future<?>> enqueuing = new ArrayList<>();
			for (ConfigurableApplicationContext context : contexts) {
				for (int i = 0; i < ENQUEUERS_PER_INSTANCE; i++) {
					enqueuing.add(enqueuers.submit(() -> transactions.enqueue(context)));
				}
			}

			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(2))
				.until(() -> relay.getMessageCount() >= SENT_BEFORE_THE_CUT);
			relayProxy.cut();
			databaseProxy.cut();
			int receivedAtTheCut = relay.getMessageCount();
			// once the server has ended every session of the cut instance, nothing it
			// sent before the cut is still to be executed: the database is as it left it
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> database.sessions("outbox-c") == 0);
			Set<String> inFlightAtTheCut = new HashSet<>(
					jdbc.queryForList("SELECT ID FROM INFOBIP_SMTP_OUTBOX WHERE STATUS = 'SENDING' AND CLAIMED_BY IN"
							+ " (SELECT CLAIMED_BY FROM OUTBOX_AUDIT WHERE APP = 'outbox-c')", String.class));
			long auditAtTheCut = jdbc.queryForObject("SELECT COUNT(*) FROM OUTBOX_AUDIT WHERE APP = 'outbox-c'",
					Long.class);

			for (Future<?> future : enqueuing) {
				future.get(60, TimeUnit.SECONDS);
			}
			// a transaction whose commit the cut interrupted may or may not have
			// committed: the database tells
			Set<String> stored = new HashSet<>(
					jdbc.queryForList("SELECT MESSAGE_ID FROM INFOBIP_SMTP_OUTBOX", String.class));
			Set<String> committed = new HashSet<>(transactions.committed);
			Set<String> rolledBack = new HashSet<>(transactions.rolledBack);
			for (String messageId : transactions.inDoubt) {
				(stored.contains(messageId) ? committed : rolledBack).add(messageId);
			}
			assertThat(committed.size() + rolledBack.size()).isEqualTo(TRANSACTIONS * MESSAGES_PER_TRANSACTION);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> jdbc.queryForObject(
						"SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX WHERE STATUS IN ('PENDING', 'SENDING')",
						Long.class) == 0);
			long outboxNanos = System.nanoTime() - transactions.firstCommit.get();
			// a rough figure
			long databaseTransactionsDuring = database.transactions() - databaseTransactionsBefore;

			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OUTBOX_AUDIT WHERE APP = 'outbox-c'", Long.class))
				.as("changes made by the cut instance after the cut")
				.isEqualTo(auditAtTheCut);
			Map<String, List<String>> queueIdsByMessageId = OutboxApplications.queueIdsByMessageId(relay);
			assertThat(stored).as("entries in the outbox").isEqualTo(committed);
			assertThat(queueIdsByMessageId.keySet()).as("rolled-back messages the relay received")
				.doesNotContainAnyElementsOf(rolledBack);
			assertThat(queueIdsByMessageId.keySet()).as("messages the relay received")
				.isSubsetOf(committed)
				.allSatisfy((messageId) -> assertThat(queueIdsByMessageId.get(messageId)).as(messageId).hasSize(1));
			Map<InfobipOutboxStatus, Long> counts = new ConcurrentHashMap<>();
			List<String> unknown = new ArrayList<>();
			jdbc.query("SELECT ID, STATUS, MESSAGE_ID, QUEUE_ID FROM INFOBIP_SMTP_OUTBOX", (row) -> {
				InfobipOutboxStatus status = InfobipOutboxStatus.valueOf(row.getString("STATUS"));
				String messageId = row.getString("MESSAGE_ID");
				List<String> received = queueIdsByMessageId.getOrDefault(messageId, List.of());
				counts.merge(status, 1L, Long::sum);
				switch (status) {
					case SENT -> assertThat(received).as(messageId).containsExactly(row.getString("QUEUE_ID"));
					case UNKNOWN -> unknown.add(row.getString("ID"));
					case FAILED -> assertThat(received).as(messageId).isEmpty();
					default -> throw new AssertionError(messageId + " ended " + status);
				}
			});
			assertThat(counts.getOrDefault(InfobipOutboxStatus.SENT, 0L)
					+ counts.getOrDefault(InfobipOutboxStatus.UNKNOWN, 0L)
					+ counts.getOrDefault(InfobipOutboxStatus.FAILED, 0L))
				.isEqualTo(committed.size());
			assertThat(unknown).as("entries UNKNOWN").hasSizeLessThanOrEqualTo(inFlightAtTheCut.size());
			assertThat(inFlightAtTheCut).as("entries the cut instance was sending").containsAll(unknown);

			// the pooled sender alone, the same messages through the same relay
			InfobipMailSender sender = contexts.get(0).getBean(InfobipMailSender.class);
			List<MimeMessage> direct = new ArrayList<>();
			for (String messageId : committed) {
				direct.add(
						OutboxApplications.message(sender, "direct-" + messageId.substring(1, messageId.indexOf('@'))));
			}
			int before = relay.getMessageCount();
			long directStart = System.nanoTime();
			assertThat(sender.sendBatch(direct).isAllSent()).isTrue();
			long directNanos = System.nanoTime() - directStart;
			assertThat(relay.getMessageCount() - before).isEqualTo(committed.size());

			logger.info(String.format(
					"outbox-throughput (%s): three instances %.0f msg/s, direct sender %.0f msg/s"
							+ " (%d committed of %d enqueued; one instance cut off after %d received, with %d sends"
							+ " in flight; %s; about %.1f database transactions per committed message)",
					database.platform(), committed.size() / (outboxNanos / 1e9), committed.size() / (directNanos / 1e9),
					committed.size(), TRANSACTIONS * MESSAGES_PER_TRANSACTION, receivedAtTheCut,
					inFlightAtTheCut.size(), counts, (double) databaseTransactionsDuring / committed.size()));
		}
		finally {
			enqueuers.shutdownNow();
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	/**
	 * The transactions to enqueue, taken in turn by the enqueuers of every instance, and
	 * what became of each one's messages.
	 */
	private static final class Transactions {

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicLong firstCommit = new AtomicLong();

		private final Set<String> committed = ConcurrentHashMap.newKeySet();

		private final Set<String> rolledBack = ConcurrentHashMap.newKeySet();

		private final Set<String> inDoubt = ConcurrentHashMap.newKeySet();

		void enqueue(ConfigurableApplicationContext context) {
			InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			TransactionTemplate template = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			for (int number = this.next.getAndIncrement(); number < TRANSACTIONS; number = this.next
				.getAndIncrement()) {
				boolean rollBack = number % ROLLBACK_EVERY == ROLLBACK_EVERY - 1;
				List<String> messageIds = new ArrayList<>();
				int transaction = number;
				try {
					template.executeWithoutResult((status) -> {
						for (int i = 0; i < MESSAGES_PER_TRANSACTION; i++) {
							String id = "o-" + transaction + "-" + i;
							try {
								outbox.enqueue(OutboxApplications.message(sender, id));
							}
							catch (jakarta.mail.MessagingException ex) {
								throw new IllegalStateException(ex);
							}
							messageIds.add(OutboxApplications.messageId(id));
						}
						if (rollBack) {
							status.setRollbackOnly();
						}
					});
				}
				catch (RuntimeException ex) {
					// the instance was cut off: this transaction may have committed
					for (int i = 0; i < MESSAGES_PER_TRANSACTION; i++) {
						(rollBack ? this.rolledBack : this.inDoubt)
							.add(OutboxApplications.messageId("o-" + transaction + "-" + i));
					}
					return;
				}
				if (rollBack) {
					this.rolledBack.addAll(messageIds);
				}
				else {
					this.firstCommit.compareAndSet(0, System.nanoTime());
					this.committed.addAll(messageIds);
				}
			}
		}

	}

}

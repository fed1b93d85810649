/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keyed enqueues from two instances on one database: a key is stored once, the second
 * transaction waiting for the first to commit (and getting its entry) or roll back (and
 * storing its own), without aborting the caller's transaction; and scheduled entries wait
 * for their time there too. A subclass runs it on each real server.
 */
abstract class AbstractOutboxKeysTests {

	/**
	 * Return a new database on the server.
	 */
	abstract TestDatabase createDatabase();

	@Test
	void keyRacedByTwoInstancesIsStoredOnceAndSentOnce() throws Exception {
		race(false);
	}

	@Test
	void keyRacedByTwoInstancesIsStoredByTheSecondIfTheFirstRollsBack() throws Exception {
		race(true);
	}

	private void race(boolean rollBack) throws Exception {
		TestDatabase database = createDatabase();
		OutboxApplications.createSchema(database);
		try (SmtpTestRelay relay = TestRelays.start();
				ConfigurableApplicationContext first = OutboxApplications
					.start(OutboxApplications.properties(database.jdbcUrl("keys-first"), relay.getPort()));
				ConfigurableApplicationContext second = OutboxApplications
					.start(OutboxApplications.properties(database.jdbcUrl("keys-second"), relay.getPort()))) {
			InfobipMailOutbox one = first.getBean(InfobipMailOutbox.class);
			InfobipMailOutbox other = second.getBean(InfobipMailOutbox.class);
			CountDownLatch enqueued = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			CompletableFuture<String> firstId = CompletableFuture
				.supplyAsync(() -> transactions(first).execute((status) -> {
					try {
						String id = one.enqueue("order-7", OutboxApplications.message(sender(first), "first"));
						enqueued.countDown();
						finish.await(10, TimeUnit.SECONDS);
						if (rollBack) {
							status.setRollbackOnly();
						}
						return id;
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}));
			assertThat(enqueued.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<String> secondId = CompletableFuture
				.supplyAsync(() -> transactions(second).execute((status) -> {
					try {
						String id = other.enqueue("order-7", OutboxApplications.message(sender(second), "second"));
						// the caller's transaction goes on: nothing aborted it
						new JdbcTemplate(second.getBean(DataSource.class)).queryForObject("SELECT 1", Integer.class);
						return id;
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}));
			Thread.sleep(300);
			assertThat(secondId).as("waits for the first transaction").isNotDone();
			finish.countDown();
			String winner = firstId.get(10, TimeUnit.SECONDS);
			String result = secondId.get(20, TimeUnit.SECONDS);
			String expectedRecipient = rollBack ? "second@example.com" : "first@example.com";
			assertThat(result).isEqualTo(rollBack ? result : winner);
			if (rollBack) {
				assertThat(result).isNotEqualTo(winner);
			}
			InfobipOutboxEntry entry = await().atMost(Duration.ofSeconds(10))
				.until(() -> one.find(result).orElseThrow(), (found) -> found.status() == InfobipOutboxStatus.SENT);
			assertThat(entry.key()).isEqualTo("order-7");
			assertThat(entry.recipients()).isEqualTo(List.of(expectedRecipient));
			assertThat(new JdbcTemplate(database.dataSource())
				.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX", Integer.class)).isOne();
			assertThat(relay.getMessages()).hasSize(1);
		}
	}

	@Test
	void scheduledEntryIsSentNoEarlierThanAsked() throws Exception {
		TestDatabase database = createDatabase();
		OutboxApplications.createSchema(database);
		try (SmtpTestRelay relay = TestRelays.start();
				ConfigurableApplicationContext context = OutboxApplications
					.start(OutboxApplications.properties(database.jdbcUrl("scheduled"), relay.getPort()))) {
			InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
			Instant notBefore = Instant.now().plusMillis(1500);
			String id = outbox.enqueue(OutboxApplications.message(sender(context), "later"), notBefore);
			assertThat(outbox.oldestPendingAge()).isEmpty();
			await().atMost(Duration.ofSeconds(10)).until(() -> relay.getMessageCount() == 1);
			assertThat(Instant.now()).isAfterOrEqualTo(notBefore);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> outbox.find(id).orElseThrow().status() == InfobipOutboxStatus.SENT);
		}
	}

	private static TransactionTemplate transactions(ConfigurableApplicationContext context) {
		return new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
	}

	private static InfobipMailSender sender(ConfigurableApplicationContext context) {
		return context.getBean(InfobipMailSender.class);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Entries enqueued for later, sent no earlier than asked, across a restart; and entries
 * enqueued under an application key, stored once however often and from wherever the key
 * is enqueued.
 */
class OutboxScheduledAndKeyedTests {

	@Test
	void scheduledEntryIsSentNoEarlierThanAskedAndDoesNotWaitUntilThen() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				Instant notBefore = Instant.now().plusMillis(1500);
				String id = outbox.enqueue(InfobipMailOutboxTests.plain(context, "later@example.com"), notBefore);
				assertThat(outbox.find(id)).get()
					.extracting(InfobipOutboxEntry::notBefore)
					.isEqualTo(Instant.ofEpochMilli(notBefore.toEpochMilli()));
				assertThat(outbox.oldestPendingAge()).as("waiting before it is due").isEmpty();
				String now = outbox.enqueue(InfobipMailOutboxTests.plain(context, "now@example.com"));
				InfobipMailOutboxTests.awaitStatus(outbox, now, InfobipOutboxStatus.SENT);
				assertThat(relay.getMessageCount()).isOne();
				await().atMost(Duration.ofSeconds(10)).until(() -> relay.getMessageCount() == 2);
				assertThat(Instant.now()).isAfterOrEqualTo(notBefore);
				assertThat(outbox.find(id)).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.SENT);
			});
		}
	}

	@Test
	void scheduledEntryIsSentByTheInstanceRunningWhenItIsDue(@TempDir Path directory) throws Exception {
		String database = "spring.datasource.url=jdbc:h2:file:" + directory.resolve("outbox").toAbsolutePath();
		try (SmtpTestRelay relay = TestRelays.start()) {
			String[] id = new String[1];
			Instant notBefore = Instant.now().plusSeconds(2);
			OutboxContexts.withOutbox()
				.withPropertyValues(database, "infobip.smtp.outbox.initialize-schema=always")
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> id[0] = context.getBean(InfobipMailOutbox.class)
					.enqueue(InfobipMailOutboxTests.plain(context, "later@example.com"), notBefore));
			assertThat(relay.getMessageCount()).isZero();
			OutboxContexts.withOutbox()
				.withPropertyValues(database, "infobip.smtp.outbox.initialize-schema=always")
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					InfobipMailOutboxTests.awaitStatus(outbox, id[0], InfobipOutboxStatus.SENT);
					assertThat(Instant.now()).isAfterOrEqualTo(notBefore);
					assertThat(relay.getMessages()).hasSize(1);
				});
		}
	}

	@Test
	void scheduledEntryCanBeCancelledUntilItIsSent() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(InfobipMailOutboxTests.plain(context, "later@example.com"),
						Instant.now().plusMillis(500));
				assertThat(outbox.cancel(id)).isTrue();
				Thread.sleep(1000);
				assertThat(relay.getMessageCount()).isZero();
				assertThat(outbox.find(id)).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.CANCELLED);
			});
		}
	}

	@Test
	void keyEnqueuedAgainReturnsTheFirstEntryAndStoresNothing() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				String id = InfobipMailOutboxTests.inTransaction(context, () -> outbox.enqueue("order-1/confirmation",
						InfobipMailOutboxTests.plain(context, "a@example.com")));
				String again = InfobipMailOutboxTests.inTransaction(context, () -> outbox
					.enqueue("order-1/confirmation", InfobipMailOutboxTests.plain(context, "b@example.com")));
				assertThat(again).isEqualTo(id);
				InfobipOutboxEntry sent = InfobipMailOutboxTests.awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				assertThat(sent.key()).isEqualTo("order-1/confirmation");
				assertThat(outbox.enqueue("order-1/confirmation",
						InfobipMailOutboxTests.plain(context, "c@example.com"), Instant.now()))
					.as("after it was sent")
					.isEqualTo(id);
				String other = outbox.enqueue("order-2/confirmation",
						InfobipMailOutboxTests.plain(context, "d@example.com"));
				InfobipMailOutboxTests.awaitStatus(outbox, other, InfobipOutboxStatus.SENT);
				assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
					.containsExactly("a@example.com", "d@example.com");
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX", Integer.class)).isEqualTo(2);
			});
		}
	}

	@Test
	void keyMustHaveOneTo255Characters() throws Exception {
		OutboxContexts.withOutbox().withPropertyValues(OutboxContexts.unreachableRelay()).run((context) -> {
			InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueue("", InfobipMailOutboxTests.plain(context, "a@example.com")))
				.withMessageContaining("key");
			assertThatIllegalArgumentException()
				.isThrownBy(
						() -> outbox.enqueue("k".repeat(256), InfobipMailOutboxTests.plain(context, "a@example.com")))
				.withMessageContaining("255");
			assertThat(outbox.enqueue("k".repeat(255), InfobipMailOutboxTests.plain(context, "a@example.com")))
				.isNotNull();
		});
	}

	@Test
	void keyEnqueuedByAnotherInstanceWhileTheFirstTransactionIsOpenGetsItsEntryOnceCommitted() throws Exception {
		keyRaceBetweenTwoInstances(false);
	}

	@Test
	void keyEnqueuedByAnotherInstanceWhileTheFirstTransactionIsOpenIsStoredIfThatRollsBack() throws Exception {
		keyRaceBetweenTwoInstances(true);
	}

	private void keyRaceBetweenTwoInstances(boolean rollBack) {
		String database = OutboxContexts.h2();
		OutboxContexts.withOutbox()
			.withPropertyValues(database)
			.withPropertyValues(OutboxContexts.unreachableRelay())
			.run((first) -> OutboxContexts.withOutbox()
				.withPropertyValues(database)
				.withPropertyValues(OutboxContexts.unreachableRelay())
				.run((second) -> {
					InfobipMailOutbox one = first.getBean(InfobipMailOutbox.class);
					InfobipMailOutbox other = second.getBean(InfobipMailOutbox.class);
					CountDownLatch enqueued = new CountDownLatch(1);
					CountDownLatch finish = new CountDownLatch(1);
					CompletableFuture<String> firstId = CompletableFuture
						.supplyAsync(() -> new TransactionTemplate(first.getBean(PlatformTransactionManager.class))
							.execute((status) -> {
								try {
									String id = one.enqueue("order-7",
											InfobipMailOutboxTests.plain(first, "a@example.com"));
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
						.supplyAsync(() -> InfobipMailOutboxTests.inTransaction(second,
								() -> other.enqueue("order-7", InfobipMailOutboxTests.plain(second, "b@example.com"))));
					Thread.sleep(300);
					assertThat(secondId).as("waits for the first transaction").isNotDone();
					finish.countDown();
					String winner = firstId.get(10, TimeUnit.SECONDS);
					String result = secondId.get(20, TimeUnit.SECONDS);
					if (rollBack) {
						assertThat(result).isNotEqualTo(winner);
						assertThat(one.find(winner)).isEmpty();
						assertThat(one.find(result)).get()
							.extracting(InfobipOutboxEntry::recipients)
							.isEqualTo(java.util.List.of("b@example.com"));
					}
					else {
						assertThat(result).isEqualTo(winner);
					}
					assertThat(new JdbcTemplate(first.getBean(DataSource.class))
						.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX", Integer.class)).isOne();
				}));
	}

	private static void run(SmtpTestRelay relay, OperationsTest test) {
		OutboxContexts.withOutbox()
			.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.run((context) -> test.run(context, context.getBean(InfobipMailOutbox.class)));
	}

	@FunctionalInterface
	interface OperationsTest {

		void run(AssertableApplicationContext context, InfobipMailOutbox outbox) throws Exception;

	}

}

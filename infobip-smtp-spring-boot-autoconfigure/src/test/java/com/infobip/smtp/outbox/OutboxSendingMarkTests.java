/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.webhook.DeliveryReport;
import com.infobip.smtp.webhook.DeliveryStatusGroup;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An entry is {@code SENDING} only while a connection is held for it and the relay
 * accepted its envelope: entries waiting for one of the pool's connections stay
 * {@code PENDING}, and no more entries are {@code SENDING} (from the mark until their
 * outcome is recorded) than the pool has connections, so that an instance that dies
 * leaves at most that many to be resolved as {@code UNKNOWN}. A report that comes before
 * its entry's queue id was recorded is kept and applied.
 */
class OutboxSendingMarkTests {

	@Test
	void entriesWaitingForAPooledConnectionStayPending() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(100))) {
			OutboxContexts.withOutbox()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=2", "infobip.smtp.outbox.concurrency=16",
						"infobip.smtp.outbox.batch-size=2")
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					context.getBean(JdbcMailOutbox.class).stop();
					int messages = 48;
					for (int i = 0; i < messages; i++) {
						outbox.enqueue(InfobipMailOutboxTests.plain(context, "user" + i + "@example.com"));
					}
					JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
					AtomicInteger mostSending = new AtomicInteger();
					AtomicInteger mostClaimedPending = new AtomicInteger();
					context.getBean(JdbcMailOutbox.class).start();
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
						mostSending.accumulateAndGet(count(jdbc, "STATUS = 'SENDING'"), Math::max);
						mostClaimedPending
							.accumulateAndGet(count(jdbc, "STATUS = 'PENDING' AND CLAIMED_BY IS NOT NULL"), Math::max);
						return outbox.countByStatus().get(InfobipOutboxStatus.SENT) == messages;
					});
					assertThat(mostSending.get()).as("entries SENDING at once").isBetween(1, 2);
					// the dispatchers did wait for connections: the bound is not for want
					// of them
					assertThat(mostClaimedPending.get()).as("claimed entries waiting at once").isGreaterThan(2);
					assertThat(relay.getMessageCount()).isEqualTo(messages);
				});
		}
	}

	@Test
	void entriesBeingSentStayWithinThePoolUnderARelayThatCapsConnectionsBelowIt() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(50)).maxConnections(1)) {
			OutboxContexts.withOutbox()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=2", "infobip.smtp.outbox.concurrency=8",
						"infobip.smtp.outbox.batch-size=1")
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					context.getBean(JdbcMailOutbox.class).stop();
					int messages = 24;
					for (int i = 0; i < messages; i++) {
						outbox.enqueue(InfobipMailOutboxTests.plain(context, "user" + i + "@example.com"));
					}
					JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
					AtomicInteger mostSending = new AtomicInteger();
					context.getBean(JdbcMailOutbox.class).start();
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> {
						mostSending.accumulateAndGet(count(jdbc, "STATUS = 'SENDING'"), Math::max);
						return outbox.countByStatus().get(InfobipOutboxStatus.SENT) == messages;
					});
					// the open connection's entry, and the last one's outcome in writing
					assertThat(mostSending.get()).as("entries SENDING at once").isBetween(1, 2);
					assertThat(relay.getMaxConcurrentSessions()).as("connections open at once").isOne();
					assertThat(relay.getMessageCount()).isEqualTo(messages);
				});
		}
	}

	@Test
	void nextEntryOnAConnectionIsMarkedOnlyOnceTheLastOnesOutcomeIsRecorded() throws Exception {
		assertThat(mostSendingWhileOutcomesAreSlowToRecord(1, 4, 1)).as("entries SENDING at once, with one connection")
			.isOne();
	}

	@Test
	void entriesBeingSentStayWithinThePoolWhenOutcomesGoWithTheNextMark() throws Exception {
		// a connection for each dispatcher: each outcome is committed with the next mark
		assertThat(mostSendingWhileOutcomesAreSlowToRecord(2, 2, 4)).as("entries SENDING at once, with two connections")
			.isBetween(1, 2);
	}

	/**
	 * Send 24 messages with the record of each outcome slowed to 40 ms (the relay's
	 * answer is in hand, its record takes a while), and return the most entries seen
	 * {@code SENDING} at once, sampled every 2 ms.
	 */
	private static int mostSendingWhileOutcomesAreSlowToRecord(int connections, int concurrency, int batchSize)
			throws Exception {
		int messages = 24;
		AtomicInteger mostSending = new AtomicInteger();
		try (SmtpTestRelay relay = TestRelays.start()) {
			OutboxContexts.withOutbox()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=" + connections,
						"infobip.smtp.outbox.concurrency=" + concurrency, "infobip.smtp.outbox.batch-size=" + batchSize)
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					context.getBean(JdbcMailOutbox.class).stop();
					for (int i = 0; i < messages; i++) {
						outbox.enqueue(InfobipMailOutboxTests.plain(context, "user" + i + "@example.com"));
					}
					JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
					jdbc.execute("CREATE TRIGGER SLOW_OUTCOME BEFORE UPDATE ON INFOBIP_SMTP_OUTBOX FOR EACH ROW CALL \""
							+ SlowOutcomeTrigger.class.getName() + "\"");
					context.getBean(JdbcMailOutbox.class).start();
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> {
						mostSending.accumulateAndGet(count(jdbc, "STATUS = 'SENDING'"), Math::max);
						return outbox.countByStatus().get(InfobipOutboxStatus.SENT) == messages;
					});
					assertThat(relay.getMessageCount()).isEqualTo(messages);
				});
		}
		return mostSending.get();
	}

	@Test
	void entryCancelledWhileItsDispatcherWaitsForAConnectionIsNeverWritten() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			OutboxContexts.withOutbox()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.outbox.concurrency=2",
						"infobip.smtp.outbox.batch-size=1")
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					String first = outbox.enqueue(InfobipMailOutboxTests.plain(context, "first@example.com"));
					// the first holds the only connection, its answer held back
					await().atMost(Duration.ofSeconds(10)).until(() -> relay.getHeldReplies() == 1);
					String second = outbox.enqueue(InfobipMailOutboxTests.plain(context, "second@example.com"));
					JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
					await().atMost(Duration.ofSeconds(10))
						.until(() -> count(jdbc, "ID = '" + second + "' AND CLAIMED_BY IS NOT NULL") == 1);
					assertThat(outbox.find(second)).get()
						.extracting(InfobipOutboxEntry::status)
						.isEqualTo(InfobipOutboxStatus.PENDING);
					assertThat(outbox.cancel(second)).isTrue();
					relay.release();
					InfobipMailOutboxTests.awaitStatus(outbox, first, InfobipOutboxStatus.SENT);
					String third = outbox.enqueue(InfobipMailOutboxTests.plain(context, "third@example.com"));
					InfobipMailOutboxTests.awaitStatus(outbox, third, InfobipOutboxStatus.SENT);
					assertThat(outbox.find(second)).get()
						.extracting(InfobipOutboxEntry::status)
						.isEqualTo(InfobipOutboxStatus.CANCELLED);
					assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
						.containsExactly("first@example.com", "third@example.com");
				});
		}
	}

	@Test
	void cancelsRacingDispatchersEndEitherCancelledAndNeverReceivedOrSentOnce() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(5))) {
			OutboxContexts.withOutbox()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=2", "infobip.smtp.outbox.concurrency=4",
						"infobip.smtp.outbox.batch-size=4")
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					context.getBean(JdbcMailOutbox.class).stop();
					List<String> ids = new ArrayList<>();
					for (int i = 0; i < 120; i++) {
						ids.add(outbox.enqueue(InfobipMailOutboxTests.plain(context, "user" + i + "@example.com")));
					}
					context.getBean(JdbcMailOutbox.class).start();
					List<String> cancelled = new ArrayList<>();
					// from the end: some claimed, some not yet, when cancelled
					for (int i = ids.size() - 1; i >= 0; i -= 2) {
						if (outbox.cancel(ids.get(i))) {
							cancelled.add(ids.get(i));
						}
					}
					await().atMost(Duration.ofSeconds(30))
						.until(() -> outbox.countByStatus().get(InfobipOutboxStatus.PENDING)
								+ outbox.countByStatus().get(InfobipOutboxStatus.SENDING) == 0);
					assertThat(cancelled).isNotEmpty();
					List<String> received = relay.getMessages().stream().map((m) -> m.recipients().get(0)).toList();
					assertThat(received).doesNotHaveDuplicates();
					for (int i = 0; i < ids.size(); i++) {
						InfobipOutboxEntry entry = outbox.find(ids.get(i)).orElseThrow();
						String recipient = "user" + i + "@example.com";
						if (cancelled.contains(ids.get(i))) {
							assertThat(entry.status()).isEqualTo(InfobipOutboxStatus.CANCELLED);
							assertThat(received).doesNotContain(recipient);
						}
						else {
							assertThat(entry.status()).isEqualTo(InfobipOutboxStatus.SENT);
							assertThat(received).contains(recipient);
						}
					}
				});
		}
	}

	@Test
	void reportThatComesBeforeTheQueueIdIsRecordedIsKeptAndApplied() throws Exception {
		String database = OutboxContexts.h2();
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			OutboxContexts.withOutbox()
				.withPropertyValues(database)
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((sending) -> OutboxContexts.withOutbox()
					.withPropertyValues(database)
					.withPropertyValues(OutboxContexts.unreachableRelay())
					.run((other) -> {
						// it only receives the report: its dispatchers would race
						other.getBean(JdbcMailOutbox.class).stop();
						InfobipMailOutbox outbox = sending.getBean(InfobipMailOutbox.class);
						String id = outbox.enqueue(InfobipMailOutboxTests.plain(sending, "user@example.com"));
						await().atMost(Duration.ofSeconds(10)).until(() -> relay.getHeldReplies() == 1);
						String queueId = relay.getMessages().get(0).messageId();
						// to the other instance, before the dispatcher has the answer
						boolean updated = other.getBean(JdbcMailOutbox.class)
							.recordDeliveryReport(report(queueId, DeliveryStatusGroup.DELIVERED));
						assertThat(updated).isFalse();
						relay.release();
						InfobipOutboxEntry entry = await().atMost(Duration.ofSeconds(10))
							.until(() -> outbox.find(id).orElseThrow(), (found) -> found.deliveryStatus() != null);
						assertThat(entry.messageId()).isEqualTo(queueId);
						assertThat(entry.deliveryStatus()).isEqualTo("DELIVERED");
						JdbcTemplate jdbc = new JdbcTemplate(sending.getBean(DataSource.class));
						assertThat(
								jdbc.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_EARLY_REPORTS", Integer.class))
							.as("reports still kept")
							.isZero();
					}));
		}
	}

	@Test
	void reportForAQueueIdNoEntryHasIsForgottenAfterTwiceTheClaimTimeout() throws Exception {
		OutboxContexts.withOutbox()
			.withPropertyValues(OutboxContexts.unreachableRelay())
			.withPropertyValues("infobip.smtp.outbox.claim-timeout=200ms")
			.run((context) -> {
				JdbcMailOutbox outbox = context.getBean(JdbcMailOutbox.class);
				assertThat(
						outbox.recordDeliveryReport(report("sent-without-the-outbox", DeliveryStatusGroup.DELIVERED)))
					.isFalse();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_EARLY_REPORTS", Integer.class))
					.isOne();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_EARLY_REPORTS",
							Integer.class) == 0);
			});
	}

	static DeliveryReport report(String messageId, DeliveryStatusGroup group) {
		return new DeliveryReport(null, messageId, "user@example.com", null, null, null, null,
				new DeliveryReport.Status(group, null, group.name(), null, group.name() + "_STATUS", null, null), null,
				null);
	}

	private static int count(JdbcTemplate jdbc, String condition) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX WHERE " + condition,
				Integer.class);
		return (count != null) ? count : 0;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.infobip.smtp.SmtpPhase;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What an operator does with entries, without SQL: look them up, page through them by
 * status, send a failed one again, decide on an unknown one, cancel a pending one; every
 * change conditional on the entry's status, so that a race is lost cleanly, and logged.
 * Entries that need attention are published as events.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutboxOperationsTests {

	@Test
	void failedEntryShowsTheRelaysReplyAndIsSentAgainOnRetry(CapturedOutput output) throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().failData(1, 554)) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(InfobipMailOutboxTests.multipart(context, "user@example.com"));
				InfobipOutboxEntry failed = InfobipMailOutboxTests.awaitStatus(outbox, id, InfobipOutboxStatus.FAILED);
				assertThat(failed.lastReply()).isNotNull();
				assertThat(failed.lastReply().code()).isEqualTo(554);
				assertThat(failed.lastReply().phase()).isEqualTo(SmtpPhase.END_OF_DATA);
				assertThat(failed.subject()).isEqualTo("Your order — Grüße");
				assertThat(failed.recipients()).containsExactly("user@example.com", "copy@example.com",
						"hidden@example.com");
				assertThat(failed.attempts()).isOne();

				assertThat(outbox.retry(id)).isTrue();
				InfobipOutboxEntry sent = InfobipMailOutboxTests.awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				assertThat(sent.attempts()).as("attempts counted afresh").isOne();
				assertThat(sent.lastReply().code()).isEqualTo(250);
				assertThat(sent.messageId()).isEqualTo(relay.getMessages().get(0).messageId());
				assertThat(outbox.retry(id)).as("retry of a sent entry").isFalse();
				assertThat(output)
					.contains("Outbox entry " + id + ": retry done (called by " + OutboxOperationsTests.class.getName())
					.contains("Outbox entry " + id + ": retry not done, it is not FAILED");
			});
		}
	}

	@Test
	void unknownEntryResolvedAsSentIsNotSentAgain() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().dropAfterData(1)) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(InfobipMailOutboxTests.plain(context, "user@example.com"));
				InfobipMailOutboxTests.awaitStatus(outbox, id, InfobipOutboxStatus.UNKNOWN);
				assertThat(outbox.resolveUnknown(id, InfobipOutboxResolution.SENT)).isTrue();
				assertThat(outbox.find(id)).get().satisfies((entry) -> {
					assertThat(entry.status()).isEqualTo(InfobipOutboxStatus.SENT);
					assertThat(entry.lastError()).isEqualTo("Resolved as sent by an operator");
				});
				assertThat(outbox.resolveUnknown(id, InfobipOutboxResolution.RETRY)).isFalse();
				String next = outbox.enqueue(InfobipMailOutboxTests.plain(context, "next@example.com"));
				InfobipMailOutboxTests.awaitStatus(outbox, next, InfobipOutboxStatus.SENT);
				assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
					.containsExactly("user@example.com", "next@example.com");
			});
		}
	}

	@Test
	void unknownEntryResolvedForRetryIsSentAgainOnPurpose() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().dropAfterData(1)) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(InfobipMailOutboxTests.plain(context, "user@example.com"));
				InfobipMailOutboxTests.awaitStatus(outbox, id, InfobipOutboxStatus.UNKNOWN);
				assertThat(outbox.resolveUnknown(id, InfobipOutboxResolution.RETRY)).isTrue();
				InfobipMailOutboxTests.awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
					.containsExactly("user@example.com", "user@example.com");
			});
		}
	}

	@Test
	void pendingEntryIsCancelledOnceAndOperationsOnTheWrongStatusChangeNothing() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(InfobipMailOutboxTests.plain(context, "user@example.com"),
						Instant.now().plus(Duration.ofHours(1)));
				assertThat(outbox.retry(id)).isFalse();
				assertThat(outbox.resolveUnknown(id, InfobipOutboxResolution.SENT)).isFalse();
				assertThat(outbox.find(id)).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.PENDING);
				assertThat(outbox.cancel(id)).isTrue();
				assertThat(outbox.cancel(id)).isFalse();
				assertThat(outbox.retry(id)).isFalse();
				InfobipOutboxEntry cancelled = outbox.find(id).orElseThrow();
				assertThat(cancelled.status()).isEqualTo(InfobipOutboxStatus.CANCELLED);
				assertThat(cancelled.status().isFinal()).isTrue();
				assertThat(cancelled.completedAt()).isNotNull();
				assertThat(outbox.cancel("no-such-entry")).isFalse();
				assertThat(relay.getMessageCount()).isZero();
			});
		}
	}

	@Test
	void entriesArePagedByStatusOldestOrNewestFirst() throws Exception {
		OutboxContexts.withOutbox().withPropertyValues(OutboxContexts.unreachableRelay()).run((context) -> {
			context.getBean(JdbcMailOutbox.class).stop();
			InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				ids.add(outbox.enqueue(InfobipMailOutboxTests.plain(context, "user" + i + "@example.com")));
				// enqueued in distinct milliseconds
				Thread.sleep(2);
			}
			outbox.cancel(ids.get(2));
			assertThat(outbox.findByStatus(InfobipOutboxStatus.PENDING, InfobipOutboxOrder.OLDEST_FIRST, 0, 2))
				.extracting(InfobipOutboxEntry::id)
				.containsExactly(ids.get(0), ids.get(1));
			assertThat(outbox.findByStatus(InfobipOutboxStatus.PENDING, InfobipOutboxOrder.OLDEST_FIRST, 2, 2))
				.extracting(InfobipOutboxEntry::id)
				.containsExactly(ids.get(3), ids.get(4));
			assertThat(outbox.findByStatus(InfobipOutboxStatus.PENDING, InfobipOutboxOrder.NEWEST_FIRST, 0, 10))
				.extracting(InfobipOutboxEntry::id)
				.containsExactly(ids.get(4), ids.get(3), ids.get(1), ids.get(0));
			assertThat(outbox.findByStatus(InfobipOutboxStatus.CANCELLED, InfobipOutboxOrder.NEWEST_FIRST, 0, 10))
				.extracting(InfobipOutboxEntry::id)
				.containsExactly(ids.get(2));
			assertThatIllegalArgumentException().isThrownBy(
					() -> outbox.findByStatus(InfobipOutboxStatus.PENDING, InfobipOutboxOrder.OLDEST_FIRST, 0, 0));
			assertThatIllegalArgumentException().isThrownBy(
					() -> outbox.findByStatus(InfobipOutboxStatus.PENDING, InfobipOutboxOrder.OLDEST_FIRST, 0, 1001));
			assertThatIllegalArgumentException().isThrownBy(
					() -> outbox.findByStatus(InfobipOutboxStatus.PENDING, InfobipOutboxOrder.OLDEST_FIRST, -1, 1));
		});
	}

	@Test
	void twoInstancesRetryingTheSameFailedEntriesSendEachOnce() throws Exception {
		String database = OutboxContexts.h2();
		try (SmtpTestRelay relay = TestRelays.start().failData(20, 554)) {
			OutboxContexts.withOutbox()
				.withPropertyValues(database)
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((first) -> OutboxContexts.withOutbox()
					.withPropertyValues(database)
					.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
					.run((second) -> {
						InfobipMailOutbox one = first.getBean(InfobipMailOutbox.class);
						InfobipMailOutbox other = second.getBean(InfobipMailOutbox.class);
						List<String> ids = new ArrayList<>();
						for (int i = 0; i < 20; i++) {
							ids.add(one.enqueue(InfobipMailOutboxTests.plain(first, "user" + i + "@example.com")));
						}
						await().atMost(Duration.ofSeconds(20))
							.until(() -> one.countByStatus().get(InfobipOutboxStatus.FAILED) == 20);
						ExecutorService threads = Executors.newFixedThreadPool(2);
						try {
							int done = 0;
							for (String id : ids) {
								CountDownLatch start = new CountDownLatch(1);
								Future<Boolean> a = threads.submit(() -> {
									start.await();
									return one.retry(id);
								});
								Future<Boolean> b = threads.submit(() -> {
									start.await();
									return other.retry(id);
								});
								start.countDown();
								assertThat(a.get() ^ b.get()).as("exactly one retry of " + id).isTrue();
								done++;
							}
							assertThat(done).isEqualTo(20);
						}
						finally {
							threads.shutdownNow();
						}
						await().atMost(Duration.ofSeconds(20))
							.until(() -> one.countByStatus().get(InfobipOutboxStatus.SENT) == 20);
						assertThat(relay.getMessages()).hasSize(20)
							.extracting((received) -> received.recipients().get(0))
							.doesNotHaveDuplicates();
					}));
		}
	}

	@Test
	void entriesEndingFailedOrUnknownArePublishedOnce() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().failData(1, 554).dropAfterData(1)) {
			OutboxContexts.withOutbox()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withBean(AttentionListener.class)
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					String failed = outbox.enqueue(InfobipMailOutboxTests.plain(context, "failed@example.com"));
					InfobipMailOutboxTests.awaitStatus(outbox, failed, InfobipOutboxStatus.FAILED);
					String unknown = outbox.enqueue(InfobipMailOutboxTests.plain(context, "unknown@example.com"));
					InfobipMailOutboxTests.awaitStatus(outbox, unknown, InfobipOutboxStatus.UNKNOWN);
					String sent = outbox.enqueue(InfobipMailOutboxTests.plain(context, "sent@example.com"));
					InfobipMailOutboxTests.awaitStatus(outbox, sent, InfobipOutboxStatus.SENT);
					List<InfobipOutboxAttentionEvent> events = context.getBean(AttentionListener.class).events;
					assertThat(events).extracting((event) -> event.entry().id()).containsExactly(failed, unknown);
					assertThat(events).extracting((event) -> event.entry().status())
						.containsExactly(InfobipOutboxStatus.FAILED, InfobipOutboxStatus.UNKNOWN);
					assertThat(events.get(0).entry().lastReply().code()).isEqualTo(554);
				});
		}
	}

	@Test
	void idWithALineBreakForgesNoLogLine(CapturedOutput output) {
		OutboxContexts.withOutbox().withPropertyValues(OutboxContexts.unreachableRelay()).run((context) -> {
			InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
			int start = output.length();
			assertThat(outbox.cancel("x\nOutbox entry 42: retry done (called by com.example.Admin.retry)")).isFalse();
			assertThat(output.toString().substring(start).lines())
				.noneMatch((line) -> line.startsWith("Outbox entry 42"))
				.anyMatch((line) -> line.contains("Outbox entry x?Outbox entry 42"));
		});
	}

	private static void run(SmtpTestRelay relay, OutboxTest test) {
		OutboxContexts.withOutbox()
			.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.run((context) -> test.run(context, context.getBean(InfobipMailOutbox.class)));
	}

	@FunctionalInterface
	interface OutboxTest {

		void run(AssertableApplicationContext context, InfobipMailOutbox outbox) throws Exception;

	}

	static class AttentionListener {

		final List<InfobipOutboxAttentionEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onAttention(InfobipOutboxAttentionEvent event) {
			this.events.add(event);
		}

	}

}

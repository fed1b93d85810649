/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.autoconfigure.InfobipSmtpOutboxAutoConfiguration;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.MutableClock;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.webhook.DeliveryReport;
import com.infobip.smtp.webhook.DeliveryStatusGroup;
import com.infobip.smtp.webhook.TrackingNotification;
import com.infobip.smtp.webhook.TrackingNotificationType;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on H2 against a STARTTLS + AUTH relay on loopback: what is committed is sent
 * once, what is rolled back never, and every relay verdict ends in the ledger.
 */
class InfobipMailOutboxTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, InfobipSmtpAutoConfiguration.class,
				InfobipSmtpOutboxAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"infobip.smtp.outbox.enabled=true", "infobip.smtp.outbox.poll-interval=100ms",
				"infobip.smtp.outbox.initial-backoff=100ms", "infobip.smtp.outbox.max-backoff=200ms",
				"infobip.smtp.retry.initial-backoff=10ms", "infobip.smtp.retry.max-backoff=20ms");

	@Test
	void committedMessageIsSentOnceAndRecordedWithInfobipsMessageId() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				String id = inTransaction(context, () -> outbox.enqueue(multipart(context, "user@example.com")));
				InfobipOutboxEntry entry = awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				assertThat(relay.getMessages()).hasSize(1);
				QueuedMessage received = relay.getMessages().get(0);
				assertThat(entry.messageId()).isEqualTo(received.messageId());
				assertThat(entry.attempts()).isEqualTo(1);
				assertThat(entry.messageIdHeader()).isNotNull();
				assertThat(received.text()).contains("Message-ID: " + entry.messageIdHeader());
				assertThat(received.recipients()).containsExactly("user@example.com", "copy@example.com",
						"hidden@example.com");
				assertThat(received.text()).doesNotContain("hidden@example.com");
			});
		}
	}

	@Test
	void messageFromAPreparatorIsEnqueuedAndSent() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue((message) -> {
					message.setFrom("shop@example.com");
					message.setRecipients(Message.RecipientType.TO, "prepared@example.com");
					message.setText("Prepared");
				});
				awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
					.containsExactly("prepared@example.com");
			});
		}
	}

	@Test
	void messageSentThroughTheOutboxIsByteIdenticalToOneSentDirectly() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				MimeMessage direct = multipart(context, "user@example.com");
				direct.setHeader("Message-ID", "<fixed@example.com>");
				direct.setHeader("X-Order-Note", "Grüße aus Köln");
				sender.send(direct);
				MimeMessage queued = multipart(context, "user@example.com");
				queued.setHeader("Message-ID", "<fixed@example.com>");
				queued.setHeader("X-Order-Note", "Grüße aus Köln");
				queued.setSentDate(direct.getSentDate());
				awaitStatus(outbox, outbox.enqueue(queued), InfobipOutboxStatus.SENT);
				List<QueuedMessage> received = relay.getMessages();
				assertThat(received).hasSize(2);
				assertThat(withoutBoundaries(received.get(1))).isEqualTo(withoutBoundaries(received.get(0)));
				assertThat(received.get(1).recipients()).isEqualTo(received.get(0).recipients());
				assertThat(received.get(1).from()).isEqualTo(received.get(0).from());
			});
		}
	}

	@Test
	void rolledBackMessageIsNeitherStoredNorSent() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				MimeMessage rolledBackMessage = multipart(context, "rolled-back@example.com");
				TransactionTemplate transactions = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				String[] rolledBack = new String[1];
				transactions.executeWithoutResult((status) -> {
					rolledBack[0] = outbox.enqueue(rolledBackMessage);
					status.setRollbackOnly();
				});
				String committed = inTransaction(context,
						() -> outbox.enqueue(multipart(context, "committed@example.com")));
				awaitStatus(outbox, committed, InfobipOutboxStatus.SENT);
				assertThat(outbox.find(rolledBack[0])).isEmpty();
				assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
					.containsExactly("committed@example.com");
			});
		}
	}

	@Test
	void invalidMessageFailsAtEnqueueAndIsNotStored() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				MimeMessage noRecipient = context.getBean(InfobipMailSender.class).createMimeMessage();
				noRecipient.setFrom("shop@example.com");
				noRecipient.setText("hello");
				assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> outbox.enqueue(noRecipient))
					.withMessageContaining("no recipient");
				assertThat(outbox.countByStatus().values()).allMatch((count) -> count == 0);
			});
		}
	}

	@Test
	void permanentRefusalIsRecordedAsFailedWithTheReply() {
		try (SmtpTestRelay relay = TestRelays.start().failData(1, 554)) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(multipart(context, "user@example.com"));
				InfobipOutboxEntry entry = awaitStatus(outbox, id, InfobipOutboxStatus.FAILED);
				assertThat(entry.lastError()).contains("554");
				assertThat(entry.messageId()).isNull();
				assertThat(relay.getMessages()).isEmpty();
			});
		}
	}

	@Test
	void connectionLostAfterTheDataIsRecordedAsUnknownAndNeverSentAgain() {
		try (SmtpTestRelay relay = TestRelays.start().dropAfterData(1)) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(multipart(context, "user@example.com"));
				InfobipOutboxEntry entry = awaitStatus(outbox, id, InfobipOutboxStatus.UNKNOWN);
				assertThat(entry.attempts()).isEqualTo(1);
				// the relay read the whole message once; a later message still goes out
				String next = outbox.enqueue(multipart(context, "next@example.com"));
				awaitStatus(outbox, next, InfobipOutboxStatus.SENT);
				assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
					.containsExactly("user@example.com", "next@example.com");
				assertThat(outbox.find(id)).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.UNKNOWN);
			});
		}
	}

	@Test
	void transientRefusalsBeyondTheSendersRetriesAreRescheduledAndSentLater() {
		// the sender tries 3 times per dispatch: 3 refusals need a second dispatch
		try (SmtpTestRelay relay = TestRelays.start().failRecipients(3, 451)) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(plain(context, "user@example.com"));
				InfobipOutboxEntry entry = awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				assertThat(entry.attempts()).isEqualTo(2);
				assertThat(entry.lastError()).isNull();
				assertThat(relay.getMessages()).hasSize(1);
				assertThat(((JdbcMailOutbox) outbox).dispatchedCount(InfobipOutboxStatus.PENDING)).isEqualTo(1);
			});
		}
	}

	@Test
	void transientRefusalsUntilMaxAttemptsEndFailed() {
		try (SmtpTestRelay relay = TestRelays.start().failRecipients(100, 451)) {
			this.contextRunner.withPropertyValues("infobip.smtp.outbox.max-attempts=2")
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					String id = outbox.enqueue(plain(context, "user@example.com"));
					InfobipOutboxEntry entry = awaitStatus(outbox, id, InfobipOutboxStatus.FAILED);
					assertThat(entry.attempts()).isEqualTo(2);
					assertThat(entry.lastError()).startsWith("Not sent after 2 attempts").contains("451");
					assertThat(relay.getMessages()).isEmpty();
				});
		}
	}

	@Test
	void entriesLeftByAStoppedInstanceAreResolvedOnceTheirClaimsExpire() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			this.contextRunner.withPropertyValues("infobip.smtp.outbox.claim-timeout=300ms")
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
					((JdbcMailOutbox) outbox).stop();
					String claimed = outbox.enqueue(multipart(context, "claimed@example.com"));
					String sending = outbox.enqueue(multipart(context, "sending@example.com"));
					// as a dead instance leaves them: one claimed, one being offered
					long expired = System.currentTimeMillis() - 1;
					jdbc.update("UPDATE INFOBIP_SMTP_OUTBOX SET CLAIMED_BY = 'dead', CLAIM_EXPIRES_AT = ? WHERE ID = ?",
							expired, claimed);
					jdbc.update("UPDATE INFOBIP_SMTP_OUTBOX SET CLAIMED_BY = 'dead', CLAIM_EXPIRES_AT = ?,"
							+ " STATUS = 'SENDING', ATTEMPTS = 1 WHERE ID = ?", expired, sending);
					((JdbcMailOutbox) outbox).start();
					awaitStatus(outbox, claimed, InfobipOutboxStatus.SENT);
					InfobipOutboxEntry unknown = awaitStatus(outbox, sending, InfobipOutboxStatus.UNKNOWN);
					assertThat(unknown.lastError()).contains("may have been sent");
					assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
						.containsExactly("claimed@example.com");
				});
		}
	}

	@Test
	void stoppingLetsTheSendInFlightEndAndGivesBackTheRestOfTheBatch() {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			this.contextRunner
				.withPropertyValues("infobip.smtp.outbox.concurrency=1", "infobip.smtp.shutdown-timeout=10s")
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					JdbcMailOutbox outbox = context.getBean(JdbcMailOutbox.class);
					outbox.stop();
					List<String> ids = new ArrayList<>();
					for (int i = 0; i < 3; i++) {
						ids.add(outbox.enqueue(plain(context, "user" + i + "@example.com")));
					}
					// one dispatcher claims the three, and offers the first
					outbox.start();
					await().atMost(Duration.ofSeconds(10)).until(() -> relay.getHeldReplies() == 1);
					CompletableFuture<Void> stopping = CompletableFuture.runAsync(outbox::stop);
					await().during(Duration.ofMillis(300))
						.atMost(Duration.ofSeconds(2))
						.until(() -> !stopping.isDone());
					relay.release();
					assertThat(stopping).succeedsWithin(Duration.ofSeconds(10));
					// enqueued in the same millisecond, the three are due alike:
					// whichever
					// was offered is the one sent
					List<String> sent = ids.stream()
						.filter((id) -> outbox.find(id).get().status() == InfobipOutboxStatus.SENT)
						.toList();
					assertThat(sent).hasSize(1);
					JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
					for (String given : ids.stream().filter((id) -> !sent.contains(id)).toList()) {
						assertThat(jdbc.queryForMap(
								"SELECT STATUS, ATTEMPTS, CLAIMED_BY FROM INFOBIP_SMTP_OUTBOX WHERE ID = ?", given))
							.containsEntry("STATUS", "PENDING")
							.containsEntry("ATTEMPTS", 0)
							.containsEntry("CLAIMED_BY", null);
					}
					assertThat(relay.getMessages()).hasSize(1);
				});
		}
	}

	@Test
	void outcomeTheDatabaseRefusedOnceIsRecordedByALaterAttempt() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				FailFirstSentUpdate.failures.set(0);
				new JdbcTemplate(context.getBean(DataSource.class)).execute(
						"CREATE TRIGGER FAIL_FIRST_SENT_UPDATE BEFORE UPDATE ON INFOBIP_SMTP_OUTBOX FOR EACH ROW CALL \""
								+ FailFirstSentUpdate.class.getName() + "\"");
				String id = outbox.enqueue(plain(context, "user@example.com"));
				InfobipOutboxEntry entry = awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				assertThat(FailFirstSentUpdate.failures).hasValue(1);
				assertThat(entry.attempts()).isEqualTo(1);
				assertThat(relay.getMessages()).hasSize(1);
			});
		}
	}

	@Test
	void deliveryReportsAndTrackingEventsUpdateTheLedgerByInfobipsMessageId() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				String id = outbox.enqueue(multipart(context, "user@example.com"));
				InfobipOutboxEntry sent = awaitStatus(outbox, id, InfobipOutboxStatus.SENT);
				JdbcMailOutbox ledger = (JdbcMailOutbox) outbox;
				DeliveryReport.Status delivered = new DeliveryReport.Status(DeliveryStatusGroup.DELIVERED, 3,
						"DELIVERED", 5, "DELIVERED_TO_HANDSET", null, "Message delivered");
				assertThat(ledger.recordDeliveryReport(new DeliveryReport("other-bulk", sent.messageId(),
						"user@example.com", null, null, 1, null, delivered, null, null)))
					.as("a report for another bulk")
					.isFalse();
				assertThat(ledger.recordDeliveryReport(new DeliveryReport(null, sent.messageId(), "user@example.com",
						null, null, 1, null, delivered, null, null)))
					.isTrue();
				assertThat(ledger.recordTrackingEvent(new TrackingNotification(TrackingNotificationType.OPENED, "e-1",
						null, "user@example.com", null, null, null, sent.messageId(), null, null, null, null)))
					.isTrue();
				InfobipOutboxEntry entry = outbox.find(id).orElseThrow();
				assertThat(entry.deliveryStatus()).isEqualTo("DELIVERED");
				assertThat(entry.deliveryStatusName()).isEqualTo("DELIVERED_TO_HANDSET");
				assertThat(entry.deliveryUpdatedAt()).isNotNull();
				assertThat(entry.trackingEvent()).isEqualTo("OPENED");
			});
		}
	}

	@Test
	void finishedEntriesAndRememberedReportsAreDeletedAfterTheRetention() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, started) -> {
				((JdbcMailOutbox) started).stop();
				MutableClock clock = new MutableClock();
				SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
				JdbcMailOutbox outbox = JdbcMailOutbox
					.builder(context.getBean(DataSource.class), context.getBean(InfobipMailSender.class),
							new SimpleAsyncTaskExecutor(), scheduler)
					.pollInterval(Duration.ofMillis(50))
					.retention(Duration.ofDays(1))
					.clock(clock)
					.build();
				outbox.start();
				try {
					String old = outbox.enqueue(plain(context, "old@example.com"));
					awaitStatus(outbox, old, InfobipOutboxStatus.SENT);
					assertThat(outbox.webhookDeduplication().publishOnce("old-report", () -> {
					})).isTrue();
					clock.advance(Duration.ofDays(2));
					String recent = outbox.enqueue(plain(context, "recent@example.com"));
					awaitStatus(outbox, recent, InfobipOutboxStatus.SENT);
					await().atMost(Duration.ofSeconds(10)).until(() -> outbox.find(old).isEmpty());
					assertThat(outbox.find(recent)).isPresent();
					// the report's key was deleted with it: a new
					// delivery is published again
					assertThat(outbox.webhookDeduplication().publishOnce("old-report", () -> {
					})).isTrue();
				}
				finally {
					outbox.stop();
					scheduler.close();
				}
			});
		}
	}

	@Test
	void webhookDeduplicationPublishesOnceAndForgetsAFailedPublication() throws InterruptedException {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				var deduplication = ((JdbcMailOutbox) outbox).webhookDeduplication();
				int[] published = new int[1];
				try {
					deduplication.publishOnce("key-1", () -> {
						throw new IllegalStateException("listener failed");
					});
				}
				catch (IllegalStateException expected) {
					// the report is not remembered
				}
				assertThat(deduplication.publishOnce("key-1", () -> published[0]++)).isTrue();
				assertThat(deduplication.publishOnce("key-1", () -> published[0]++)).isFalse();
				assertThat(published[0]).isEqualTo(1);
			});
		}
	}

	@Test
	void webhookDeduplicationForgetsAReportOnlyAfterTheRetentionHoweverManyArePublishedAfterIt() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (context, outbox) -> {
				var deduplication = ((JdbcMailOutbox) outbox).webhookDeduplication();
				assertThat(deduplication.publishOnce("early", () -> {
				})).isTrue();
				// more than the in-memory deduplication's default capacity
				for (int i = 0; i < 10_001; i++) {
					assertThat(deduplication.publishOnce("later-" + i, () -> {
					})).isTrue();
				}
				assertThat(deduplication.publishOnce("early", () -> {
				})).isFalse();
			});
		}
	}

	private void run(SmtpTestRelay relay, OutboxTest test) {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS")).run((context) -> {
			assertThat(context).hasNotFailed();
			test.run(context, context.getBean(InfobipMailOutbox.class));
		});
	}

	static String inTransaction(AssertableApplicationContext context, ThrowingSupplier supplier) {
		return new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).execute((status) -> {
			try {
				return supplier.get();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	static InfobipOutboxEntry awaitStatus(InfobipMailOutbox outbox, String id, InfobipOutboxStatus status) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> outbox.find(id).orElse(null), (entry) -> entry != null && entry.status() == status);
	}

	static MimeMessage multipart(ApplicationContext context, String to) throws Exception {
		MimeMessage message = context.getBean(InfobipMailSender.class).createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo(to);
		helper.setCc("copy@example.com");
		helper.setBcc("hidden@example.com");
		helper.setSubject("Your order — Grüße");
		helper.setText("Thanks for your order.\n.leading dot\n", "<p>Thanks for your order, naïve café</p>");
		helper.addAttachment("invoice.pdf", new ByteArrayResource(new byte[] { 0, 1, 2, (byte) 0xFF, '\r', '\n' }));
		message.setHeader("X-IB-bulk-id", "orders-2026");
		return message;
	}

	static MimeMessage plain(AssertableApplicationContext context, String to) throws Exception {
		MimeMessage message = context.getBean(InfobipMailSender.class).createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo(to);
		helper.setSubject("Your order");
		helper.setText("Thanks for your order.");
		return message;
	}

	static String withoutBoundaries(QueuedMessage received) {
		// each message gets its own multipart boundary, and the relay's Received header
		// its own time; all else must be equal
		String data = new String(received.bytes(), StandardCharsets.ISO_8859_1);
		return data.replaceFirst("(?s)^Received:.*?\r\n(?=[^ \t])", "").replaceAll("----=_Part_[0-9_.]+", "BOUNDARY");
	}

	/**
	 * Fails the first update that records a sent entry, as a database briefly out of
	 * reach would.
	 */
	public static class FailFirstSentUpdate implements Trigger {

		static final AtomicInteger failures = new AtomicInteger();

		@Override
		public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
			// STATUS is the second column
			if ("SENT".equals(newRow[1]) && failures.compareAndSet(0, 1)) {
				throw new SQLTransientConnectionException("The database is out of reach", "08006");
			}
		}

	}

	@FunctionalInterface
	interface OutboxTest {

		void run(AssertableApplicationContext context, InfobipMailOutbox outbox) throws Exception;

	}

	@FunctionalInterface
	interface ThrowingSupplier {

		String get() throws Exception;

	}

}

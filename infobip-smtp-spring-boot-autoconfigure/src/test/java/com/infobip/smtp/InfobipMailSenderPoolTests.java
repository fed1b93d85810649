/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Connection reuse, limits, shutdown, async and batch sends against a STARTTLS + AUTH
 * relay that counts its sessions.
 */
class InfobipMailSenderPoolTests {

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics();

	@Test
	void sequentialSendsReuseOneConnection() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				for (int i = 0; i < 10; i++) {
					sender.send(TestMessages.plainText("user" + i + "@example.com"));
				}
				assertThat(relay.getMessages()).hasSize(10);
				assertThat(relay.getSessionCount()).isEqualTo(1);
			});
		}
	}

	@Test
	void withoutPoolingEveryMessageOpensAndQuitsItsOwnConnection() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).withPropertyValues("infobip.smtp.pool.enabled=false").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				for (int i = 0; i < 3; i++) {
					sender.send(TestMessages.plainText("user" + i + "@example.com"));
					await().atMost(Duration.ofSeconds(5)).until(() -> relay.getOpenSessionCount() == 0);
				}
				assertThat(relay.getSessionCount()).isEqualTo(3);
				assertThat(relay.getMessages()).hasSize(3);
			});
		}
	}

	@Test
	void connectionIsRetiredAfterMaxMessagesWithQuit() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).withPropertyValues("infobip.smtp.pool.max-messages-per-connection=2").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				for (int i = 0; i < 5; i++) {
					sender.send(TestMessages.plainText("user" + i + "@example.com"));
				}
				assertThat(relay.getSessionCount()).isEqualTo(3);
				// the two retired connections said goodbye; the third is still in use
				await().atMost(Duration.ofSeconds(5)).until(() -> relay.getQuitCount() == 2);
			});
			// and the third when the pool closed
			await().atMost(Duration.ofSeconds(5)).until(() -> relay.getQuitCount() == 3);
		}
	}

	@Test
	void connectionsAreRetiredAtStaggeredCountsSoThatTheyDoNotAllReconnectAtOnce() {
		try (SmtpTestRelay relay = TestRelays.builder().keepMessages(false).start()) {
			runner(relay)
				.withPropertyValues("infobip.smtp.pool.max-connections=1",
						"infobip.smtp.pool.max-messages-per-connection=50")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					for (int i = 0; i < 1000; i++) {
						sender.send(TestMessages.plainText("user" + i + "@example.com"));
					}
				});
			List<Integer> counts = relay.getMessagesPerSession();
			assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
			// every session but the last ran to its limit: between nine tenths of the
			// maximum and the maximum, not the same for all
			List<Integer> retired = counts.subList(0, counts.size() - 1);
			assertThat(retired).hasSizeGreaterThanOrEqualTo(19)
				.allSatisfy((count) -> assertThat(count).isBetween(45, 50));
			assertThat(Set.copyOf(retired)).hasSizeGreaterThan(1);
			assertThat(counts.get(counts.size() - 1)).isLessThanOrEqualTo(50);
		}
	}

	@Test
	void waitingLongerThanMaxWaitFailsClearlyAndSendsNothing() {
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofSeconds(1))) {
			runner(relay)
				.withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.pool.max-wait=200ms",
						"infobip.smtp.timeout=5s")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					CompletableFuture<InfobipSendResult> slow = sender
						.sendAsync(TestMessages.plainText("slow@example.com"));
					await().atMost(Duration.ofSeconds(5)).until(() -> relay.getOpenSessionCount() == 1);
					long start = System.nanoTime();
					assertThatExceptionOfType(InfobipSendFailedException.class)
						.isThrownBy(() -> sender.send(TestMessages.plainText("impatient@example.com")))
						.withMessageContaining("infobip.smtp.pool.max-wait")
						.withMessageContaining("infobip.smtp.pool.max-connections");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
					assertThat(slow.get().acceptedRecipients()).containsExactly("slow@example.com");
					assertThat(relay.getMessages()).singleElement()
						.satisfies((received) -> assertThat(received.recipients()).containsExactly("slow@example.com"));
				});
		}
	}

	@Test
	void idleConnectionsAreClosedAfterIdleTimeout() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).withPropertyValues("infobip.smtp.pool.idle-timeout=1s").run((context) -> {
				context.getBean(InfobipMailSender.class).send(TestMessages.plainText("user@example.com"));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("infobip.smtp.pool.open").gauge().value()).isEqualTo(1);
				await().atMost(Duration.ofSeconds(10)).until(() -> relay.getOpenSessionCount() == 0);
				assertThat(registry.get("infobip.smtp.pool.open").gauge().value()).isZero();
			});
		}
	}

	@Test
	void gaugesShowOpenAndWaiting() {
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(1500))) {
			runner(relay).withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.timeout=5s")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					CompletableFuture<InfobipSendResult> first = sender
						.sendAsync(TestMessages.plainText("a@example.com"));
					await().atMost(Duration.ofSeconds(5)).until(() -> relay.getOpenSessionCount() == 1);
					CompletableFuture<Void> second = CompletableFuture
						.runAsync(() -> sender.send(TestMessages.plainText("b@example.com")));
					await().atMost(Duration.ofSeconds(5))
						.until(() -> registry.get("infobip.smtp.pool.waiting").gauge().value() == 1);
					assertThat(registry.get("infobip.smtp.pool.open").gauge().value()).isEqualTo(1);
					first.get();
					second.get();
					assertThat(relay.getMessages()).hasSize(2);
				});
		}
	}

	@Test
	void shutdownLetsInFlightSendsFinishQuitsAndRefusesNewSends() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(500))) {
			List<InfobipMailSender> senders = new ArrayList<>();
			List<CompletableFuture<InfobipSendResult>> inFlight = new ArrayList<>();
			runner(relay).run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				senders.add(sender);
				inFlight.add(sender.sendAsync(TestMessages.plainText("last@example.com")));
				await().atMost(Duration.ofSeconds(5)).until(() -> relay.getOpenSessionCount() == 1);
			});
			assertThat(inFlight.get(0).get().acceptedRecipients()).containsExactly("last@example.com");
			await().atMost(Duration.ofSeconds(5)).until(() -> relay.getOpenSessionCount() == 0);
			assertThatExceptionOfType(MailSendException.class)
				.isThrownBy(() -> senders.get(0).send(TestMessages.plainText("late@example.com")))
				.withMessageContaining("shut down");
			assertThat(relay.getMessages()).hasSize(1);
		}
	}

	@Test
	void asyncSendOfAnInvalidMessageFailsWithoutAConnection() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).run((context) -> {
				SimpleMailMessage invalid = TestMessages.plainText("user@example.com");
				invalid.setFrom(null);
				CompletableFuture<InfobipSendResult> result = context.getBean(InfobipMailSender.class)
					.sendAsync(invalid);
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(result::get)
					.withCauseInstanceOf(InvalidMessageException.class);
				assertThat(relay.getSessionCount()).isZero();
			});
		}
	}

	@Test
	void batchReportsEveryMessageAndUsesThePoolInParallel() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).withPropertyValues("infobip.smtp.pool.max-connections=4").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				List<MimeMessage> batch = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					MimeMessage message = sender.createMimeMessage();
					if (i != 7) {
						message.setFrom("shop@example.com");
					}
					message.setRecipients(Message.RecipientType.TO, "user" + i + "@example.com");
					message.setText("Body " + i);
					batch.add(message);
				}
				InfobipBatchResult result = sender.sendBatch(batch);
				assertThat(result.sent()).hasSize(19);
				assertThat(result.sent().keySet())
					.containsExactlyElementsOf(batch.stream().filter((message) -> message != batch.get(7)).toList());
				assertThat(result.failed()).containsOnlyKeys(batch.get(7));
				assertThat(result.failed().get(batch.get(7))).isInstanceOf(InvalidMessageException.class);
				assertThat(relay.getMessages()).hasSize(19);
				assertThat(relay.getMaxConcurrentSessions()).isLessThanOrEqualTo(4);
			});
		}
	}

	@Test
	void sendingSeveralMessagesReportsFailedOnesInSpringsMap() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				MimeMessage good = sender.createMimeMessage();
				good.setFrom("shop@example.com");
				good.setRecipients(Message.RecipientType.TO, "good@example.com");
				good.setText("Body");
				MimeMessage bad = sender.createMimeMessage();
				bad.setRecipients(Message.RecipientType.TO, "bad@example.com");
				bad.setText("Body");
				assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> sender.send(good, bad))
					.satisfies((ex) -> assertThat(ex.getFailedMessages()).containsOnlyKeys(bad));
				assertThat(relay.getMessages()).singleElement()
					.satisfies((received) -> assertThat(received.recipients()).containsExactly("good@example.com"));
			});
		}
	}

	@Test
	void generatedBulkIdIsSentAndReportedButOwnOnesAreKept() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).withPropertyValues("infobip.smtp.generate-bulk-id=true").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				InfobipSendResult generated = sender.sendWithResult(TestMessages.plainText("a@example.com"));
				assertThat(generated.bulkId()).isNotBlank();
				assertThat(relay.getMessages().get(0).text()).contains("X-IB-bulk-id: " + generated.bulkId());
				InfobipSendResult own = sender.sendWithResult((mime) -> {
					mime.setFrom("shop@example.com");
					mime.setRecipients(Message.RecipientType.TO, "b@example.com");
					mime.setText("Body");
					InfobipMessageHeaders.of(mime).bulkId("my-bulk");
				});
				assertThat(own.bulkId()).isEqualTo("my-bulk");
				assertThat(relay.getMessages().get(1).text()).contains("X-IB-bulk-id: my-bulk");
			});
		}
	}

	@Test
	void withOneAttemptATemporaryRefusalIsNotRetried() {
		try (SmtpTestRelay relay = TestRelays.start().failRecipients(1, 451)) {
			runner(relay).withPropertyValues("infobip.smtp.retry.max-attempts=1").run((context) -> {
				assertThatExceptionOfType(InfobipSendFailedException.class).isThrownBy(
						() -> context.getBean(InfobipMailSender.class).send(TestMessages.plainText("user@example.com")))
					.satisfies((ex) -> {
						assertThat(ex.getReply().code()).isEqualTo(451);
						assertThat(ex.getAttempts()).isEqualTo(1);
					});
				assertThat(relay.getMessages()).isEmpty();
			});
		}
	}

	private ApplicationContextRunner runner(SmtpTestRelay relay) {
		return this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"));
	}

}

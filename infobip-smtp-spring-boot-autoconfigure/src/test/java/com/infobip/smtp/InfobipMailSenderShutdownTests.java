/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown in Spring's lifecycle: new sends are refused, sends in flight and queued ones
 * drain in order for as long as the shutdown timeout and Spring's shutdown phase allow; a
 * queued send that did not start by then fails clearly, never silently.
 */
class InfobipMailSenderShutdownTests {

	private static final String NOT_STARTED = "not sent: InfobipMailSender shut down before it started";

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class))
		.withPropertyValues("infobip.smtp.pool.max-connections=1");

	@Test
	void senderStopsAfterTheWebServerStoppedTakingRequests() {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(587, "STARTTLS")).run((context) -> {
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			assertThat(sender).isInstanceOf(SmartLifecycle.class);
			SmartLifecycle lifecycle = (SmartLifecycle) sender;
			assertThat(lifecycle.isRunning()).isTrue();
			// stopping runs from the highest phase to the lowest
			assertThat(lifecycle.getPhase()).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
		});
	}

	@Test
	void closingTheContextDrainsSendsInFlightAndQueuedInOrder() {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			runner(relay).withPropertyValues("infobip.smtp.shutdown-timeout=10s").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				List<CompletableFuture<InfobipSendResult>> sends = inFlightAndQueued(sender, relay);
				CompletableFuture<Void> closing = closeInBackground(context);
				await().atMost(Duration.ofSeconds(5)).until(() -> !((SmartLifecycle) sender).isRunning());
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> sender.sendAsync(TestMessages.plainText("late@example.com")).get())
					.havingCause()
					.isInstanceOf(MailSendException.class)
					.withMessageContaining("shut down");
				relay.release();
				assertThat(closing).succeedsWithin(Duration.ofSeconds(10));
				assertThat(sends).allSatisfy((send) -> assertThat(send)
					.isCompletedWithValueMatching((result) -> result.acceptedRecipients().size() == 1));
				assertThat(relay.getMessages()).map((received) -> received.recipients().get(0))
					.containsExactly("first@example.com", "second@example.com", "third@example.com");
			});
		}
	}

	@Test
	void queuedSendsNotStartedWithinTheShutdownTimeoutFailClearly() {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			runner(relay).withPropertyValues("infobip.smtp.shutdown-timeout=500ms").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				List<CompletableFuture<InfobipSendResult>> sends = inFlightAndQueued(sender, relay);
				CompletableFuture<Void> closing = closeInBackground(context);
				assertQueuedFailWhileFirstIsInFlight(sends, relay, closing);
			});
		}
	}

	@Test
	void queuedSendsFailClearlyWhenSpringsShutdownPhaseEndsFirst() {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			runner(relay)
				.withPropertyValues("infobip.smtp.shutdown-timeout=30s",
						"spring.lifecycle.timeout-per-shutdown-phase=500ms")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					List<CompletableFuture<InfobipSendResult>> sends = inFlightAndQueued(sender, relay);
					CompletableFuture<Void> closing = closeInBackground(context);
					assertQueuedFailWhileFirstIsInFlight(sends, relay, closing);
				});
		}
	}

	@Test
	void batchMessagesNotStartedWithinTheShutdownTimeoutFailClearly() {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			runner(relay).withPropertyValues("infobip.smtp.shutdown-timeout=500ms").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				List<MimeMessage> messages = List.of(TestMessages.plainTextMime(sender, "first@example.com"),
						TestMessages.plainTextMime(sender, "second@example.com"),
						TestMessages.plainTextMime(sender, "third@example.com"));
				CompletableFuture<InfobipBatchResult> batch = CompletableFuture
					.supplyAsync(() -> sender.sendBatch(messages));
				await().atMost(Duration.ofSeconds(5)).until(() -> relay.getHeldReplies() == 1);
				CompletableFuture<Void> closing = closeInBackground(context);
				assertThat(closing).succeedsWithin(Duration.ofSeconds(5));
				relay.release();
				assertThat(batch).succeedsWithin(Duration.ofSeconds(10)).satisfies((result) -> {
					assertThat(result.sent()).containsOnlyKeys(messages.get(0));
					assertThat(result.failed()).containsOnlyKeys(messages.get(1), messages.get(2));
					assertThat(result.failed().values())
						.allSatisfy((ex) -> assertThat(ex).isInstanceOf(MailSendException.class)
							.hasMessageContaining(NOT_STARTED));
				});
				assertThat(relay.getMessages()).singleElement()
					.satisfies((received) -> assertThat(received.recipients()).containsExactly("first@example.com"));
			});
		}
	}

	// a thread of its own: the common pool may have a single thread, taken by a send
	private static CompletableFuture<Void> closeInBackground(ConfigurableApplicationContext context) {
		CompletableFuture<Void> closed = new CompletableFuture<>();
		new Thread(() -> {
			try {
				context.close();
				closed.complete(null);
			}
			catch (Throwable ex) {
				closed.completeExceptionally(ex);
			}
		}, "closing-context").start();
		return closed;
	}

	private ApplicationContextRunner runner(SmtpTestRelay relay) {
		return this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"));
	}

	/**
	 * Send three messages on the one connection: the first waits for the relay's answer,
	 * the other two are queued.
	 */
	private static List<CompletableFuture<InfobipSendResult>> inFlightAndQueued(InfobipMailSender sender,
			SmtpTestRelay relay) {
		CompletableFuture<InfobipSendResult> first = sender.sendAsync(TestMessages.plainText("first@example.com"));
		await().atMost(Duration.ofSeconds(5)).until(() -> relay.getHeldReplies() == 1);
		return List.of(first, sender.sendAsync(TestMessages.plainText("second@example.com")),
				sender.sendAsync(TestMessages.plainText("third@example.com")));
	}

	private static void assertQueuedFailWhileFirstIsInFlight(List<CompletableFuture<InfobipSendResult>> sends,
			SmtpTestRelay relay, CompletableFuture<Void> closing) {
		for (CompletableFuture<InfobipSendResult> queued : sends.subList(1, 3)) {
			assertThat(queued).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(MailSendException.class)
				.withMessageContaining(NOT_STARTED);
		}
		assertThat(sends.get(0)).isNotDone();
		relay.release();
		assertThat(sends.get(0)).succeedsWithin(Duration.ofSeconds(10));
		assertThat(closing).succeedsWithin(Duration.ofSeconds(10));
		assertThat(relay.getMessages()).singleElement()
			.satisfies((received) -> assertThat(received.recipients()).containsExactly("first@example.com"));
	}

}

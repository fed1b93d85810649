/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.ScriptedPostProcessor;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Overload of sendAsync on platform threads: as many sends run as there are connections,
 * up to {@code async.queue-capacity} more wait their turn in order without the pool's
 * max-wait running out, and any more fail at once, naming the property.
 * {@code InfobipMailSenderVirtualThreadOverloadTests} runs the same on virtual threads.
 */
class InfobipMailSenderOverloadTests {

	@Test
	void sendsBeyondTheQueueFailAtOnceAndQueuedOnesWaitTheirTurn() {
		queueIsBoundedAndQueuedSendsWaitTheirTurn(SenderContextRunners.withMetrics(),
				(thread) -> thread.getName().startsWith("infobip-smtp-"));
	}

	static void queueIsBoundedAndQueuedSendsWaitTheirTurn(ApplicationContextRunner contextRunner,
			Predicate<Thread> sendThread) {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			contextRunner.withBean(ScriptedPostProcessor.class)
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.pool.max-wait=300ms",
						"infobip.smtp.async.queue-capacity=2")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					CompletableFuture<InfobipSendResult> running = sender
						.sendAsync(TestMessages.plainText("first@example.com"));
					await().atMost(Duration.ofSeconds(5)).until(() -> relay.getHeldReplies() == 1);
					CompletableFuture<InfobipSendResult> queued1 = sender
						.sendAsync(TestMessages.plainText("second@example.com"));
					CompletableFuture<InfobipSendResult> queued2 = sender
						.sendAsync(TestMessages.plainText("third@example.com"));
					CompletableFuture<InfobipSendResult> refused = sender
						.sendAsync(TestMessages.plainText("fourth@example.com"));
					assertThat(refused).isCompletedExceptionally();
					// queued, not waiting for a connection: no max-wait applies
					await().during(Duration.ofMillis(900))
						.atMost(Duration.ofSeconds(2))
						.until(() -> !queued1.isDone() && !queued2.isDone());
					assertThatExceptionOfType(ExecutionException.class).isThrownBy(refused::get)
						.havingCause()
						.isInstanceOf(MailSendException.class)
						.withMessageContaining("infobip.smtp.async.queue-capacity");
					relay.release();
					for (CompletableFuture<InfobipSendResult> send : List.of(running, queued1, queued2)) {
						assertThat(send).succeedsWithin(Duration.ofSeconds(10));
					}
					assertThat(relay.getMessages()).map((received) -> received.recipients().get(0))
						.containsExactly("first@example.com", "second@example.com", "third@example.com");
					assertThat(context.getBean(ScriptedPostProcessor.class).threads()).hasSize(3).allMatch(sendThread);
				});
		}
	}

}

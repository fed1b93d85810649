/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.ScriptedPostProcessor;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches take helpers only from free send threads and never wait for a helper that has
 * not started: a saturated executor makes the caller send every message itself, and a
 * batch sent from a send thread cannot deadlock.
 */
class InfobipMailSenderBatchTests {

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics()
		.withBean(ScriptedPostProcessor.class)
		.withPropertyValues("infobip.smtp.shutdown-timeout=1s");

	@Test
	void batchOnASaturatedExecutorReturnsAsSoonAsTheCallerSentEveryMessage() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay)
				.withPropertyValues("infobip.smtp.pool.max-connections=2", "infobip.smtp.async.queue-capacity=1")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					ScriptedPostProcessor script = context.getBean(ScriptedPostProcessor.class);
					CompletableFuture<InfobipSendResult> first = sender
						.sendAsync(scripted(sender, "blocked1@example.com", ScriptedPostProcessor.BLOCK));
					CompletableFuture<InfobipSendResult> second = sender
						.sendAsync(scripted(sender, "blocked2@example.com", ScriptedPostProcessor.BLOCK));
					await().atMost(Duration.ofSeconds(5)).until(() -> script.blocked() == 2);
					List<MimeMessage> batch = List.of(TestMessages.plainTextMime(sender, "a@example.com"),
							TestMessages.plainTextMime(sender, "b@example.com"),
							TestMessages.plainTextMime(sender, "c@example.com"));
					CompletableFuture<InfobipBatchResult> result = CompletableFuture
						.supplyAsync(() -> sender.sendBatch(batch));
					assertThat(result).succeedsWithin(Duration.ofSeconds(10))
						.satisfies((done) -> assertThat(done.sent()).containsOnlyKeys(batch));
					assertThat(first).isNotDone();
					assertThat(second).isNotDone();
					script.release();
					assertThat(first).succeedsWithin(Duration.ofSeconds(10));
					assertThat(second).succeedsWithin(Duration.ofSeconds(10));
					assertThat(relay.getMessages()).hasSize(5);
				});
		}
	}

	@Test
	void batchesSentFromEverySendThreadAtOnceComplete() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			runner(relay).withPropertyValues("infobip.smtp.pool.max-connections=2").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				ScriptedPostProcessor script = context.getBean(ScriptedPostProcessor.class);
				CyclicBarrier together = new CyclicBarrier(2);
				List<InfobipBatchResult> results = new CopyOnWriteArrayList<>();
				script.onRun((trigger) -> {
					try {
						// both send threads are taken before either batch starts
						together.await(10, TimeUnit.SECONDS);
						results.add(sender.sendBatch(List.of(TestMessages.plainTextMime(sender, "x@example.com"),
								TestMessages.plainTextMime(sender, "y@example.com"))));
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
				CompletableFuture<InfobipSendResult> first = sender
					.sendAsync(scripted(sender, "trigger1@example.com", ScriptedPostProcessor.RUN));
				CompletableFuture<InfobipSendResult> second = sender
					.sendAsync(scripted(sender, "trigger2@example.com", ScriptedPostProcessor.RUN));
				assertThat(first).succeedsWithin(Duration.ofSeconds(10));
				assertThat(second).succeedsWithin(Duration.ofSeconds(10));
				assertThat(results).hasSize(2).allSatisfy((result) -> assertThat(result.isAllSent()).isTrue());
				assertThat(relay.getMessages()).hasSize(6);
			});
		}
	}

	private ApplicationContextRunner runner(SmtpTestRelay relay) {
		return this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"));
	}

	private static MimeMessage scripted(InfobipMailSender sender, String to, String scriptHeader) {
		MimeMessage message = TestMessages.plainTextMime(sender, to);
		try {
			message.setHeader(scriptHeader, "true");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		return message;
	}

}

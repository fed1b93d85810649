/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.StallingProxy;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A relay that stops answering costs a send at most one reply timeout, and never holds up
 * discarding, evicting or closing connections: nothing waits for the answer to QUIT.
 */
class InfobipMailSenderHungRelayTests {

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics();

	@Test
	void relayHangingAfterTheDataIsAnUnknownOutcomeWithinOneReplyTimeout() {
		try (SmtpTestRelay relay = TestRelays.start().holdAfterData(1)) {
			runner(relay.getPort()).withPropertyValues("infobip.smtp.timeout=3s").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(SendOutcomeUnknownException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("user@example.com")));
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(elapsed).isBetween(Duration.ofSeconds(3), Duration.ofMillis(4500));
				assertThat(relay.getMessages()).hasSize(1);
			});
		}
	}

	@Test
	void timeoutBeforeTheDataIsRetriedWithoutWaitingForQuit() {
		try (SmtpTestRelay relay = TestRelays.start().holdAtRecipient(1)) {
			runner(relay.getPort()).withPropertyValues("infobip.smtp.timeout=2s").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				long start = System.nanoTime();
				InfobipSendResult result = sender.sendWithResult(TestMessages.plainText("user@example.com"));
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(result.attempts()).isEqualTo(2);
				assertThat(elapsed).isBetween(Duration.ofSeconds(2), Duration.ofMillis(3500));
				assertThat(relay.getMessages()).hasSize(1);
			});
		}
	}

	@Test
	void closingTheSenderDoesNotWaitForARelayThatStoppedAnswering() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start(); StallingProxy proxy = new StallingProxy(relay.getPort())) {
			runner(proxy.port()).withPropertyValues("infobip.smtp.timeout=5s").run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				sender.send(TestMessages.plainText("user@example.com"));
				assertThat(sender.getConnectionUsage().idle()).isEqualTo(1);
				proxy.stall();
				long start = System.nanoTime();
				context.close();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
				assertThat(sender.getConnectionUsage().open()).isZero();
			});
		}
	}

	@Test
	void evictingAConnectionToARelayThatStoppedAnsweringDoesNotHoldUpOtherPools() throws Exception {
		try (SmtpTestRelay hung = TestRelays.start();
				StallingProxy proxy = new StallingProxy(hung.getPort());
				SmtpTestRelay healthy = TestRelays.start()) {
			runner(proxy.port()).withPropertyValues("infobip.smtp.timeout=8s", "infobip.smtp.pool.idle-timeout=1s")
				.run((hungContext) -> {
					hungContext.getBean(InfobipMailSender.class).send(TestMessages.plainText("first@example.com"));
					proxy.stall();
					// the evictor has sent QUIT to the relay that no longer answers
					await().atMost(Duration.ofSeconds(5)).until(() -> proxy.bytesHeld() > 0);
					runner(healthy.getPort()).withPropertyValues("infobip.smtp.pool.idle-timeout=1s")
						.run((healthyContext) -> {
							healthyContext.getBean(InfobipMailSender.class)
								.send(TestMessages.plainText("second@example.com"));
							assertThat(healthy.getOpenSessionCount()).isEqualTo(1);
							// commons-pool evicts every pool of the JVM on one thread
							await().atMost(Duration.ofSeconds(4)).until(() -> healthy.getOpenSessionCount() == 0);
						});
				});
		}
	}

	private ApplicationContextRunner runner(int port) {
		return this.contextRunner.withPropertyValues(TestRelayProperties.relay(port, "STARTTLS"));
	}

}

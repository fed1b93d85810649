/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults injected by a scripted STARTTLS + AUTH relay: what is safe is retried, what may
 * have reached the relay is never sent twice, and the relay's verdicts reach the caller.
 */
class InfobipMailSenderFaultTests {

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics();

	@Test
	void greeting421IsRetriedAndDeliveredOnce() {
		try (SmtpTestRelay relay = TestRelays.start().refuseGreetings(1)) {
			run(relay, (sender, context) -> {
				InfobipSendResult result = sender.sendWithResult(TestMessages.plainText("user@example.com"));
				assertThat(result.attempts()).isEqualTo(2);
				assertThat(relay.getRefusedGreetings()).isEqualTo(1);
				assertThat(relay.getMessages()).hasSize(1);
				assertThat(retries(context, "421")).isEqualTo(1);
			});
		}
	}

	@Test
	void rcpt451IsRetriedAndDeliveredOnce() {
		try (SmtpTestRelay relay = TestRelays.start().failRecipients(1, 451)) {
			run(relay, (sender, context) -> {
				InfobipSendResult result = sender.sendWithResult(TestMessages.plainText("user@example.com"));
				assertThat(result.attempts()).isEqualTo(2);
				assertThat(result.acceptedRecipients()).containsExactly("user@example.com");
				assertThat(relay.getMessages()).hasSize(1);
				assertThat(retries(context, "451")).isEqualTo(1);
			});
		}
	}

	@Test
	void connectionLostBeforeTheDataIsRetriedAndDeliveredOnce() {
		try (SmtpTestRelay relay = TestRelays.start().dropAtRecipient(1)) {
			run(relay, (sender, context) -> {
				assertThat(sender.sendWithResult(TestMessages.plainText("user@example.com")).attempts()).isEqualTo(2);
				assertThat(relay.getMessages()).hasSize(1);
				assertThat(retries(context, "connection_lost")).isEqualTo(1);
			});
		}
	}

	@Test
	void data451IsRetriedAndDeliveredOnce() {
		try (SmtpTestRelay relay = TestRelays.start().failData(1, 451)) {
			run(relay, (sender, context) -> {
				assertThat(sender.sendWithResult(TestMessages.plainText("user@example.com")).attempts()).isEqualTo(2);
				assertThat(relay.getMessages()).hasSize(1);
			});
		}
	}

	@Test
	void data554IsNotRetriedAndCarriesTheReply() {
		try (SmtpTestRelay relay = TestRelays.start().failData(1, 554)) {
			run(relay, (sender, context) -> {
				assertThatExceptionOfType(InfobipSendFailedException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("user@example.com")))
					.satisfies((ex) -> {
						assertThat(ex.getReply().code()).isEqualTo(554);
						assertThat(ex.getReply().text()).isEqualTo("554 5.7.1 Message refused");
						assertThat(ex.getPhase()).isEqualTo(SmtpPhase.END_OF_DATA);
						assertThat(ex.getAttempts()).isEqualTo(1);
						assertThat(ex.getFailedMessages()).hasSize(1);
					})
					.withMessageContaining("refused the message at END_OF_DATA: 554 5.7.1 Message refused (1 attempt)");
				assertThat(relay.getMessages()).isEmpty();
				assertThat(outcomes(context, "rejected")).isEqualTo(1);
			});
		}
	}

	@Test
	void permanentlyRefusedRecipientIsNamedAndNotRetried() {
		try (SmtpTestRelay relay = TestRelays.start().refuseRecipient("gone@example.com", 550)) {
			run(relay, (sender, context) -> {
				assertThatExceptionOfType(InfobipSendFailedException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("gone@example.com")))
					.satisfies((ex) -> {
						assertThat(ex.getPhase()).isEqualTo(SmtpPhase.RCPT);
						assertThat(ex.getRecipient()).isEqualTo("gone@example.com");
						assertThat(ex.getReply().code()).isEqualTo(550);
						assertThat(ex.getAttempts()).isEqualTo(1);
					})
					.withMessageContaining("at RCPT for gone@example.com: 550");
				assertThat(relay.getMessages()).isEmpty();
			});
		}
	}

	@Test
	void connectionCutAfterTheDotIsAnUnknownOutcomeAndNeverResent() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().dropAfterData(1)) {
			run(relay, (sender, context) -> {
				assertThatExceptionOfType(SendOutcomeUnknownException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("user@example.com")))
					.satisfies((ex) -> {
						assertThat(ex.getAttempts()).isEqualTo(1);
						assertThat(ex.getMessageIdHeader()).isNotBlank();
					})
					.withMessageContaining("it may have been queued, so it was not sent again");
				Thread.sleep(300);
				assertThat(relay.getMessages()).hasSize(1);
				assertThat(outcomes(context, "unknown")).isEqualTo(1);
				// the pool recovers: the next message goes through a new connection
				sender.send(TestMessages.plainText("next@example.com"));
				assertThat(relay.getMessages()).hasSize(2);
			});
		}
	}

	@Test
	void partlyRefusedRecipientsGetNothingAndTheOthersGetTheMessage() {
		try (SmtpTestRelay relay = TestRelays.start().refuseRecipient("gone@example.com", 550)) {
			run(relay, (sender, context) -> {
				SimpleMailMessage message = TestMessages.plainText("user@example.com");
				message.setCc("gone@example.com");
				InfobipSendResult result = sender.sendWithResult(message);
				assertThat(result.acceptedRecipients()).containsExactly("user@example.com");
				assertThat(result.refusedRecipients()).singleElement().satisfies((refused) -> {
					assertThat(refused.address()).isEqualTo("gone@example.com");
					assertThat(refused.reply().code()).isEqualTo(550);
				});
				assertThat(relay.getMessages()).singleElement()
					.satisfies((received) -> assertThat(received.recipients()).containsExactly("user@example.com"));
				SimpleMailMessage again = TestMessages.plainText("user@example.com");
				again.setCc("gone@example.com");
				assertThatExceptionOfType(RecipientsRefusedException.class).isThrownBy(() -> sender.send(again))
					.satisfies((ex) -> assertThat(ex.getResult().refusedRecipients()).hasSize(1));
				assertThat(relay.getMessages()).hasSize(2);
			});
		}
	}

	@Test
	void acceptedAndRefusedRecipientsAreCountedByTheirOwnOutcome() {
		try (SmtpTestRelay relay = TestRelays.start().refuseRecipient("gone@example.com", 550)) {
			run(relay, (sender, context) -> {
				SimpleMailMessage message = TestMessages.plainText("user@example.com");
				message.setCc("other@example.com", "gone@example.com");
				assertThat(sender.sendWithResult(message).refusedRecipients()).hasSize(1);
				assertThat(recipients(context, "success")).isEqualTo(2);
				assertThat(recipients(context, "rejected")).isEqualTo(1);
				assertThat(outcomes(context, "success")).isEqualTo(1);
			});
		}
	}

	@Test
	void pooledConnectionClosedByTheRelayIsReplacedUnnoticed() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender, context) -> {
				sender.send(TestMessages.plainText("first@example.com"));
				relay.dropAllConnections();
				InfobipSendResult result = sender.sendWithResult(TestMessages.plainText("second@example.com"));
				assertThat(result.attempts()).isEqualTo(1);
				assertThat(relay.getMessages()).hasSize(2);
				assertThat(relay.getSessionCount()).isEqualTo(2);
			});
		}
	}

	@Test
	void sixteenThreadsNeverOpenMoreThanTheCapAndEveryMessageArrivesOnce() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().maxConnections(4)) {
			this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=4")
				.run((context) -> {
					sendFromSixteenThreads(context.getBean(InfobipMailSender.class), 200);
					assertThat(relay.getMessages()).hasSize(200);
					assertThat(relay.getMessages().stream().map((received) -> received.recipients().get(0)).distinct())
						.hasSize(200);
					assertThat(relay.getMaxConcurrentSessions()).isLessThanOrEqualTo(4);
					assertThat(relay.getRefusedGreetings()).isZero();
					assertThat(context.getBean(MeterRegistry.class).find("infobip.smtp.retries").counters()).isEmpty();
				});
		}
	}

	@Test
	void aRelayCappingConnectionsBelowThePoolSizeLosesNoSend() throws Exception {
		try (SmtpTestRelay relay = TestRelays.builder().keepMessages(false).start().maxConnections(2)) {
			this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					sendFromSixteenThreads(context.getBean(InfobipMailSender.class), 400);
					assertThat(relay.getMessageCount()).isEqualTo(400);
					assertThat(relay.getMaxConcurrentSessions()).isLessThanOrEqualTo(2);
				});
		}
	}

	// every send must succeed: a failed one fails the test
	private static void sendFromSixteenThreads(InfobipMailSender sender, int messages) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> sends = new ArrayList<>();
			for (int i = 0; i < messages; i++) {
				String to = "user" + i + "@example.com";
				sends.add(threads.submit(() -> sender.send(TestMessages.plainText(to))));
			}
			for (Future<?> send : sends) {
				send.get();
			}
		}
		finally {
			threads.shutdown();
		}
	}

	@Test
	void resultCarriesTheQueueIdTheRelayReported() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender, context) -> {
				InfobipSendResult result = sender.sendAsync(TestMessages.plainText("user@example.com")).get();
				assertThat(result.messageId()).isEqualTo(relay.getMessages().get(0).messageId());
				assertThat(result.reply().text()).contains("2.6.0 Message queued as <" + result.messageId() + ">");
				assertThat(result.messageIdHeader()).isNotBlank();
			});
		}
	}

	private void run(SmtpTestRelay relay, SenderTest test) {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS")).run((context) -> {
			assertThat(context).hasNotFailed();
			test.run(context.getBean(InfobipMailSender.class), context);
		});
	}

	private static double retries(AssertableApplicationContext context, String cause) {
		return context.getBean(MeterRegistry.class).get("infobip.smtp.retries").tag("cause", cause).counter().count();
	}

	private static double recipients(AssertableApplicationContext context, String outcome) {
		return context.getBean(MeterRegistry.class)
			.get("infobip.smtp.recipients")
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private static long outcomes(AssertableApplicationContext context, String outcome) {
		return context.getBean(MeterRegistry.class).get("infobip.smtp.send").tag("outcome", outcome).timer().count();
	}

	@FunctionalInterface
	interface SenderTest {

		void run(InfobipMailSender sender, AssertableApplicationContext context) throws Exception;

	}

}

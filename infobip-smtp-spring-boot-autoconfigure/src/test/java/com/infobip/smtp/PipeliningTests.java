/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.testsupport.TurnCountingProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With a relay that offers PIPELINING, MAIL FROM, every RCPT TO and DATA leave in one
 * flight, and every reply is still checked: refusals at each step of a group end as they
 * do without pipelining, and the connection stays in step for the next message. Without
 * the keyword, one command per turn, as before. Turns are counted on the wire.
 */
class PipeliningTests {

	@Test
	void pipelinedMessageTakesTwoTurnsWhateverItsRecipients() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start();
				TurnCountingProxy proxy = new TurnCountingProxy(relay.getPort())) {
			run(proxy.port(), (sender) -> {
				sender.send(TestMessages.plainText("a@example.com", "b@example.com", "c@example.com"));
				proxy.resetTurns();
				sender.send(TestMessages.plainText("a@example.com", "b@example.com", "c@example.com"));
				// the group (MAIL, 3 RCPT, DATA), then the content
				assertThat(proxy.clientTurns()).isEqualTo(2);
				assertThat(relay.getMessages()).hasSize(2)
					.allSatisfy((received) -> assertThat(received.recipients()).containsExactly("a@example.com",
							"b@example.com", "c@example.com"));
			});
		}
	}

	@Test
	void withoutTheKeywordEveryCommandWaitsForItsReply() throws Exception {
		try (SmtpTestRelay relay = TestRelays.builder().pipelining(false).start();
				TurnCountingProxy proxy = new TurnCountingProxy(relay.getPort())) {
			run(proxy.port(), (sender) -> {
				sender.send(TestMessages.plainText("a@example.com", "b@example.com", "c@example.com"));
				proxy.resetTurns();
				sender.send(TestMessages.plainText("a@example.com", "b@example.com", "c@example.com"));
				// MAIL, 3 RCPT, DATA, the content
				assertThat(proxy.clientTurns()).isEqualTo(6);
				assertThat(relay.getMessages()).hasSize(2);
			});
		}
	}

	@Test
	void pipeliningCanBeSwitchedOff() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start();
				TurnCountingProxy proxy = new TurnCountingProxy(relay.getPort())) {
			SenderContextRunners.withMetrics()
				.withPropertyValues(TestRelayProperties.relay(proxy.port(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.pipelining=false")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					sender.send(TestMessages.plainText("a@example.com"));
					proxy.resetTurns();
					sender.send(TestMessages.plainText("a@example.com", "b@example.com", "c@example.com"));
					assertThat(proxy.clientTurns()).isEqualTo(6);
				});
		}
	}

	@Test
	void refusedSenderFailsAtMailAndTheConnectionStaysInStep() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay.getPort(), (sender) -> {
				sender.send(TestMessages.plainText("a@example.com"));
				relay.refuseSenders(550);
				assertThatExceptionOfType(InfobipSendFailedException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("a@example.com", "b@example.com")))
					.satisfies((ex) -> {
						assertThat(ex.getPhase()).isEqualTo(SmtpPhase.MAIL);
						assertThat(ex.getReply().code()).isEqualTo(550);
						assertThat(ex.getAttempts()).isEqualTo(1);
					});
				relay.refuseSenders(0);
				sender.send(TestMessages.plainText("c@example.com"));
				assertThat(relay.getMessages()).extracting(QueuedMessage::recipients)
					.containsExactly(java.util.List.of("a@example.com"), java.util.List.of("c@example.com"));
			});
		}
	}

	@Test
	void refusedRecipientsAmongAcceptedOnesAreReportedAndTheOthersGetTheMessage() {
		try (SmtpTestRelay relay = TestRelays.start().refuseRecipient("bad@example.com", 550)) {
			run(relay.getPort(), (sender) -> {
				InfobipSendResult result = sender.sendWithResult(
						TestMessages.plainTextMime(sender, "a@example.com", "bad@example.com", "b@example.com"));
				assertThat(result.acceptedRecipients()).containsExactly("a@example.com", "b@example.com");
				assertThat(result.refusedRecipients()).singleElement()
					.satisfies((refused) -> assertThat(refused.reply().code()).isEqualTo(550));
				assertThat(relay.getMessages()).singleElement()
					.satisfies((received) -> assertThat(received.recipients()).containsExactly("a@example.com",
							"b@example.com"));
				sender.send(TestMessages.plainText("c@example.com"));
				assertThat(relay.getMessages()).hasSize(2);
			});
		}
	}

	@Test
	void everyRecipientRefusedFailsAtRcptAndTheConnectionStaysInStep() {
		try (SmtpTestRelay relay = TestRelays.start()
			.refuseRecipient("bad@example.com", 550)
			.refuseRecipient("worse@example.com", 553)) {
			run(relay.getPort(), (sender) -> {
				assertThatExceptionOfType(InfobipSendFailedException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("bad@example.com", "worse@example.com")))
					.satisfies((ex) -> assertThat(ex.getPhase()).isEqualTo(SmtpPhase.RCPT));
				sender.send(TestMessages.plainText("c@example.com"));
				assertThat(relay.getMessages()).singleElement()
					.satisfies((received) -> assertThat(received.recipients()).containsExactly("c@example.com"));
			});
		}
	}

	@Test
	void temporaryRcptRefusalIsRetriedIntoOneCopy() {
		try (SmtpTestRelay relay = TestRelays.start().failRecipients(1, 451)) {
			run(relay.getPort(), (sender) -> {
				InfobipSendResult result = sender.sendWithResult(TestMessages.plainTextMime(sender, "a@example.com"));
				assertThat(result.attempts()).isEqualTo(2);
				assertThat(relay.getMessages()).hasSize(1);
			});
		}
	}

	@Test
	void refusalAtTheEndOfTheDataIsNotRetried() {
		try (SmtpTestRelay relay = TestRelays.start().failData(1, 554)) {
			run(relay.getPort(), (sender) -> {
				assertThatExceptionOfType(InfobipSendFailedException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("a@example.com")))
					.satisfies((ex) -> {
						assertThat(ex.getReply().code()).isEqualTo(554);
						assertThat(ex.getAttempts()).isEqualTo(1);
					});
				assertThat(relay.getMessages()).isEmpty();
			});
		}
	}

	@Test
	void connectionCutAfterTheDotIsAnUnknownOutcomeAndNeverResent() {
		try (SmtpTestRelay relay = TestRelays.start().dropAfterData(1)) {
			run(relay.getPort(), (sender) -> {
				assertThatExceptionOfType(SendOutcomeUnknownException.class)
					.isThrownBy(() -> sender.send(TestMessages.plainText("a@example.com")));
				assertThat(relay.getMessages()).hasSize(1);
			});
		}
	}

	private static void run(int port, SenderTest test) {
		SenderContextRunners.withMetrics()
			.withPropertyValues(TestRelayProperties.relay(port, "STARTTLS"))
			.withPropertyValues("infobip.smtp.pool.max-connections=1")
			.run((context) -> test.run(context.getBean(InfobipMailSender.class)));
	}

	@FunctionalInterface
	interface SenderTest {

		void run(InfobipMailSender sender) throws Exception;

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.List;

import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.RawCommandRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Envelope addresses reach the relay as the bytes that were checked. Jakarta Mail writes
 * SMTP commands one byte per character, so a character outside US-ASCII would be cut to
 * its low byte: U+4E22 becomes {@code "}, U+4E3E {@code >}, U+4E20 a space, and a valid
 * address would end its path and add SMTP parameters. Every such address is refused
 * before a connection is used, naming its position, never its value; a non-ASCII domain
 * goes out as its IDNA A-label. Asserted on the raw bytes of a relay that logs every
 * command, with and without pipelining, directly and through the outbox.
 */
class EnvelopeAddressTests {

	// becomes MAIL FROM:<"a"@evil.example> AUTH=""@example.com> one byte per character
	private static final String FROM_INJECTING_AUTH = "\"a\u4E22@evil.example\u4E3E\u4E20AUTH\u4E3D\u4E22\"@example.com";

	// becomes RCPT TO:<"evil"@attacker.example> ORCPT=rfc822;""@rcpt.example.net>
	private static final String TO_INJECTING_ORCPT = "\"evil\u4E22@attacker.example\u4E3E\u4E20ORCPT\u4E3Drfc822\u4E3B\u4E22\"@rcpt.example.net";

	// the domain would become rcpt.example> NOTIFY=SUCCESS
	private static final String DOMAIN_INJECTING_NOTIFY = "victim@rcpt.example\u4E3E\u4E20NOTIFY\u4E3DSUCCESS";

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics();

	private RawCommandRelay relay;

	@BeforeEach
	void startRelay() throws Exception {
		this.relay = RawCommandRelay.start(true);
	}

	@AfterEach
	void stopRelay() throws Exception {
		this.relay.close();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void fromWhoseLowBytesWouldInjectAParameterIsRefusedBeforeAnyConnection(boolean pipelining) {
		run(pipelining, (sender) -> {
			MimeMessage message = TestMessages.multipartHtmlFrom(sender, FROM_INJECTING_AUTH, "user@example.com");
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining("From address")
				.withMessageContaining("SMTPUTF8")
				.withMessageNotContaining("evil");
			assertThat(this.relay.sessions()).isZero();
		}, "infobip.smtp.allowed-sender-domains=example.com");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void recipientWhoseLowBytesWouldInjectAParameterIsRefusedBeforeAnyConnection(boolean pipelining) {
		run(pipelining, (sender) -> {
			MimeMessage message = TestMessages.multipartHtmlFrom(sender, "shop@example.com", "user@example.com");
			MimeMessageHelper helper = new MimeMessageHelper(message);
			helper.addCc("copy@example.com");
			helper.addCc(TO_INJECTING_ORCPT);
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining("Cc address 2")
				.withMessageNotContaining("attacker");
			assertThat(this.relay.sessions()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0100b@example.com", "\u7528\u6237@example.com", "\"a>b\"@example.com",
			"\"a\\\u4E3E\"@example.com" })
	void recipientThatWouldNotBeWrittenAsCheckedIsRefusedNamingItsPosition(String address) {
		run(true, (sender) -> {
			MimeMessage message = TestMessages.multipartHtmlFrom(sender, "shop@example.com", "user@example.com");
			new MimeMessageHelper(message).addBcc(address);
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining("Bcc address 1");
			assertThat(this.relay.sessions()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void nonAsciiDomainGoesOutAsItsALabelWithNothingAfterThePath(boolean pipelining) {
		run(pipelining, (sender) -> {
			MimeMessage message = TestMessages.multipartHtmlFrom(sender, "shop@example.com", DOMAIN_INJECTING_NOTIFY);
			new MimeMessageHelper(message).addCc("user@b\u00fccher.example");
			sender.send(message);
			List<String> commands = this.relay.envelopeCommandsAsBytes();
			assertThat(commands).hasSize(3);
			assertThat(commands.get(0)).isEqualTo("MAIL FROM:<shop@example.com>");
			assertThat(commands.get(1)).matches("RCPT TO:<victim@rcpt\\.xn--[a-z0-9-]+>");
			assertThat(commands.get(2)).isEqualTo("RCPT TO:<user@xn--bcher-kva.example>");
			assertThat(this.relay.messages()).hasSize(1);
		});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void allowedSenderDomainIsComparedAsItGoesOnTheWire(boolean pipelining) {
		run(pipelining, (sender) -> {
			sender.send(TestMessages.multipartHtmlFrom(sender, "shop@B\u00fccher.example", "user@example.com"));
			assertThat(this.relay.envelopeCommandsAsBytes().get(0)).isEqualTo("MAIL FROM:<shop@xn--bcher-kva.example>");
			MimeMessage other = TestMessages.multipartHtmlFrom(sender, "shop@bucher.example", "user@example.com");
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(other))
				.withMessageContaining("infobip.smtp.allowed-sender-domains");
		}, "infobip.smtp.allowed-sender-domains=b\u00fccher.example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bounce@example.com> AUTH=<x@evil.example", "bounce@example.com\r\nRSET",
			"bounce\u4E22@example.com", "<>" })
	void envelopeSenderIsAlwaysCheckedEvenWithoutAnAllowList(String envelopeFrom) {
		run(true, (sender) -> {
			SMTPMessage message = new SMTPMessage(
					TestMessages.multipartHtmlFrom(sender, "shop@example.com", "user@example.com"));
			message.setEnvelopeFrom(envelopeFrom);
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining("envelope sender")
				.withMessageNotContaining("evil");
			assertThat(this.relay.sessions()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void quotedLocalPartsAndEnvelopeSenderArriveExactlyAsChecked(boolean pipelining) {
		run(pipelining, (sender) -> {
			SMTPMessage message = new SMTPMessage(
					TestMessages.multipartHtmlFrom(sender, "shop@example.com", "\"john smith\"@example.com"));
			message.setEnvelopeFrom("bounces+42@example.com");
			sender.send(message);
			assertThat(this.relay.envelopeCommandsAsBytes()).containsExactly("MAIL FROM:<bounces+42@example.com>",
					"RCPT TO:<\"john smith\"@example.com>");
		});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void preparedMessageWhoseStoredRecipientWouldInjectIsRefusedBeforeAnyConnection(boolean pipelining) {
		run(pipelining, (sender) -> {
			InfobipPreparedMessage prepared = sender
				.prepare(TestMessages.multipartHtmlFrom(sender, "shop@example.com", "user@example.com"));
			InfobipPreparedMessage tampered = new InfobipPreparedMessage(null,
					List.of("user@example.com", TO_INJECTING_ORCPT), prepared.content(), prepared.messageIdHeader(),
					prepared.bulkId());
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.sendPrepared(tampered))
				.withMessageContaining("recipient 2")
				.withMessageNotContaining("attacker");
			InfobipPreparedMessage badSender = new InfobipPreparedMessage(FROM_INJECTING_AUTH,
					List.of("user@example.com"), prepared.content(), prepared.messageIdHeader(), prepared.bulkId());
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.sendPrepared(badSender))
				.withMessageContaining("envelope sender");
			assertThat(this.relay.sessions()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void outboxRefusesAnInjectingAddressAtEnqueueAndSendsIdnDomainsAsALabels(boolean pipelining) {
		OutboxContexts.withOutbox()
			.withPropertyValues(TestRelayProperties.relay(this.relay.port(), "STARTTLS"))
			.withPropertyValues("infobip.smtp.pipelining=" + pipelining,
					"infobip.smtp.allowed-sender-domains=example.com")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
				assertThatExceptionOfType(InvalidMessageException.class)
					.isThrownBy(() -> outbox
						.enqueue(TestMessages.multipartHtmlFrom(sender, FROM_INJECTING_AUTH, "user@example.com")))
					.withMessageContaining("From address");
				assertThatExceptionOfType(InvalidMessageException.class)
					.isThrownBy(() -> outbox
						.enqueue(TestMessages.multipartHtmlFrom(sender, "shop@example.com", TO_INJECTING_ORCPT)))
					.withMessageContaining("To address 1");
				assertThat(outbox.countByStatus().values()).allMatch((count) -> count == 0);
				outbox.enqueue(TestMessages.multipartHtmlFrom(sender, "shop@example.com", "user@b\u00fccher.example"));
				await().atMost(Duration.ofSeconds(10)).until(() -> this.relay.messages().size() == 1);
				assertThat(this.relay.envelopeCommandsAsBytes()).containsExactly("MAIL FROM:<shop@example.com>",
						"RCPT TO:<user@xn--bcher-kva.example>");
				assertThat(this.relay.sessions()).isEqualTo(1);
			});
	}

	private void run(boolean pipelining, SenderTest test, String... properties) {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(this.relay.port(), "STARTTLS"))
			.withPropertyValues("infobip.smtp.pipelining=" + pipelining, "infobip.smtp.retry.max-attempts=1")
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				test.run(context.getBean(InfobipMailSender.class));
			});
	}

	@FunctionalInterface
	interface SenderTest {

		void run(InfobipMailSender sender) throws Exception;

	}

}

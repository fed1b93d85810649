/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A header value cannot add header lines or end the header block, whatever characters it
 * holds: what would put a line break on the wire is refused before any connection, naming
 * the header, and what is sent arrives on one line. Asserted on the bytes the relay
 * receives.
 */
class HeaderInjectionTests {

	private static SmtpTestRelay relay;

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics();

	@BeforeAll
	static void startRelay() {
		relay = TestRelays.start();
	}

	@AfterAll
	static void stopRelay() {
		relay.close();
	}

	private int sessionsBefore;

	private int messagesBefore;

	@BeforeEach
	void remember() {
		this.sessionsBefore = relay.getSessionCount();
		this.messagesBefore = relay.getMessages().size();
	}

	// U+010A and U+010D are LF and CR in their low byte, U+FF0A in the fullwidth block
	@ParameterizedTest
	@ValueSource(strings = { "v\u010AX-IB-notify-url: https://attacker.example/c", "v\u010DX-Injected: 1",
			"v\uFF0A\uFF0Abody", "v\r\nX-Injected: 1", "v\nX-Injected: 1", "caf\u00e9" })
	void infobipHeaderThatIsNotPrintableAsciiIsRefusedBeforeAnyConnection(String value) {
		run((sender) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader(InfobipHeaders.CALLBACK_DATA, value);
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining(InfobipHeaders.CALLBACK_DATA)
				.withMessageNotContaining("attacker");
			assertNothingReachedTheRelay();
		});
	}

	@Test
	void typedSetterRefusesAValueThatWouldBreakTheLine() {
		run((sender) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			assertThatExceptionOfType(InvalidMessageException.class)
				.isThrownBy(() -> InfobipMessageHeaders.of(message)
					.callbackData("v\u010AX-IB-notify-url: https://attacker.example/c"))
				.withMessageContaining(InfobipHeaders.CALLBACK_DATA);
			assertThatExceptionOfType(InvalidMessageException.class)
				.isThrownBy(() -> InfobipMessageHeaders.of(message).bulkId("b\uFF0A\uFF0A"))
				.withMessageContaining(InfobipHeaders.BULK_ID);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "v\r\nX-Injected: 1", "v\nX-Injected: 1", "v\rX-Injected: 1", "v\r\n \r\nbody",
			"v\u0000X-Injected: 1", "v\u0007", "v\u001B[2J", "v\u000BX" })
	void anyHeaderThatWouldBreakTheHeaderBlockOrWriteAControlByteIsRefusedBeforeAnyConnection(String value) {
		run((sender) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader("X-Custom", value);
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining("X-Custom");
			assertNothingReachedTheRelay();
		});
	}

	// header lines are written as UTF-8: these are two or three bytes of 0x80 and above,
	// never a line break, so they are sent, on one line, as stock Spring mail sends them
	@ParameterizedTest
	@ValueSource(strings = { "v\u010AX-Injected: 1", "v\u010DX-Injected: 1", "v\uFF0D\uFF0A\uFF0D\uFF0AX-Injected: 1" })
	void characterWhoseLowByteIsCrOrLfArrivesAsUtf8OnItsOwnLine(String value) {
		run((sender) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader("X-Custom", value);
			sender.send(message);
			List<String> lines = lastReceived().headerLines();
			assertThat(lines).contains("X-Custom: " + utf8Bytes(value));
			assertThat(lines).noneMatch((line) -> line.startsWith("X-Injected"));
		});
	}

	@Test
	void rawUtf8SubjectArrivesIntactAsStockSpringMailSendsIt() {
		run((sender) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader("Subject", "Dobrý den, Čeněk č");
			sender.send(message);
			assertThat(lastReceived().headerLines()).contains("Subject: " + utf8Bytes("Dobrý den, Čeněk č"));
		});
	}

	@Test
	void tabInAHeaderValueIsSentAsItIs() {
		run((sender) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader("X-Custom", "a\tb");
			sender.send(message);
			assertThat(lastReceived().headerLines()).contains("X-Custom: a\tb");
		});
	}

	@Test
	void preparedMessageKeepsARawUtf8HeaderOfAParsedMessageAsUtf8() {
		run((sender) -> {
			MimeMessage parsed = sender.createMimeMessage(new ByteArrayInputStream(
					"From: shop@example.com\r\nTo: user@example.com\r\nSubject: Hi\r\n\r\nBody\r\n"
						.getBytes(StandardCharsets.US_ASCII)));
			parsed.setHeader("Subject", "Čeněk č");
			InfobipPreparedMessage prepared = sender.prepare(parsed);
			String content = new String(prepared.content(), StandardCharsets.ISO_8859_1);
			assertThat(content).contains("Subject: " + utf8Bytes("Čeněk č") + "\r\n");
			sender.sendPrepared(prepared);
			assertThat(lastReceived().headerLines()).contains("Subject: " + utf8Bytes("Čeněk č"));
		});
	}

	@Test
	void attachmentFileNameWithALineBreakIsRefusedBeforeAnyConnection() {
		run((sender) -> {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
					"UTF-8");
			helper.setFrom("shop@example.com");
			helper.setTo("user@example.com");
			helper.setSubject("Invoice");
			helper.setText("plain", "<p>html</p>");
			helper.addAttachment("invoice.pdf\r\nX-Injected: 1", new ByteArrayResource(new byte[] { 1, 2, 3 }),
					"application/pdf");
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining("Content-");
			assertNothingReachedTheRelay();
		});
	}

	@Test
	void nonAsciiInAnotherHeaderArrivesAsUtf8OnOneLineAsStockSpringMailSendsIt() {
		run((sender) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader("X-Custom", "Grüße ☃");
			sender.send(message);
			List<String> lines = lastReceived().headerLines();
			String expected = "X-Custom: "
					+ new String("Grüße ☃".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
			assertThat(lines).contains(expected);
			assertThat(lines).noneMatch((line) -> line.startsWith("X-Injected"));
		});
	}

	@Test
	void multipartMessageWithFoldedHeadersArrivesWithExactlyItsOwnHeaderLines() {
		run((sender) -> {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
					"UTF-8");
			helper.setFrom("Šťastný obchod <shop@example.com>");
			helper.setTo("user@example.com");
			helper.setCc("other@example.com");
			helper.setSubject("Objednávka č. 42 — potvrzení, a subject long enough to be folded by Jakarta Mail");
			helper.setText("Dobrý den", "<p>Dobrý den</p>");
			helper.addAttachment("účtenka s dlouhým názvem souboru, který se musí zalomit.pdf",
					new ByteArrayResource(new byte[] { 1, 2, 3 }), "application/pdf");
			InfobipMessageHeaders.of(message).bulkId("bulk-1").callbackData("order=42&lang=cs");
			sender.send(message);
			QueuedMessage received = lastReceived();
			// the relay adds its Received line
			List<String> names = received.headerLines()
				.stream()
				.filter((line) -> !line.startsWith(" ") && !line.startsWith("\t"))
				.map((line) -> line.substring(0, line.indexOf(':')))
				.toList();
			assertThat(names).containsExactlyInAnyOrder("Received", "Date", "From", "To", "Cc", "Message-ID", "Subject",
					"MIME-Version", "Content-Type", "X-IB-bulk-id", "X-IB-callback-data");
			assertThat(received.text()).contains("Content-Disposition: attachment");
		});
	}

	private static String utf8Bytes(String text) {
		return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

	private void assertNothingReachedTheRelay() {
		assertThat(relay.getSessionCount()).isEqualTo(this.sessionsBefore);
		assertThat(relay.getMessages()).hasSize(this.messagesBefore);
	}

	private static QueuedMessage lastReceived() {
		List<QueuedMessage> received = relay.getMessages();
		return received.get(received.size() - 1);
	}

	private void run(SenderTest test) {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.withPropertyValues("infobip.smtp.pool.enabled=false")
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

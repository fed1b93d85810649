/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a client sees of an {@link SmtpTestRelay}, command by command, and what the relay
 * records of it.
 */
class SmtpTestRelayTests {

	private static final String DATA = "Subject: Hi\r\n\r\nHello";

	@Test
	void ehloOffersPipeliningByDefaultAndAuthOnlyAfterStartTls() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start(); SmtpConversation smtp = SmtpConversation.connect(relay)) {
			assertThat(smtp.reply()).startsWith("220 localhost ESMTP");
			assertThat(smtp.command("EHLO client.example.com")).containsExactly("250-localhost", "250-8BITMIME",
					"250-SIZE 20971520", "250-PIPELINING", "250-STARTTLS", "250 Ok");
			assertThat(smtp.last("MAIL FROM:<shop@example.com>")).startsWith("530");
			assertThat(smtp.last("STARTTLS")).startsWith("220");
			try (SmtpConversation tls = smtp.startTls()) {
				assertThat(tls.command("EHLO client.example.com")).containsExactly("250-localhost", "250-8BITMIME",
						"250-SIZE 20971520", "250-PIPELINING", "250-AUTH PLAIN LOGIN", "250 Ok");
				assertThat(tls.last("MAIL FROM:<shop@example.com>")).startsWith("530");
			}
		}
	}

	@Test
	void pipeliningCanBeSwitchedOffAndDsnOn() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.builder().pipelining(false).dsn(true).start();
				SmtpConversation smtp = SmtpConversation.connect(relay)) {
			smtp.reply();
			assertThat(smtp.command("EHLO client.example.com")).containsExactly("250-localhost", "250-8BITMIME",
					"250-SIZE 20971520", "250-DSN", "250-STARTTLS", "250 Ok");
		}
	}

	@Test
	void implicitTlsRelayOffersAuthFromTheStart() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.builder().security(SmtpTestRelay.Security.TLS).start();
				SmtpConversation smtp = SmtpConversation.connect(relay)) {
			assertThat(smtp.reply()).startsWith("220");
			assertThat(smtp.command("EHLO client.example.com")).contains("250-AUTH PLAIN LOGIN")
				.doesNotContain("250-STARTTLS");
		}
	}

	@Test
	void relayWithoutTlsOffersAuthInPlainText() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.builder().security(SmtpTestRelay.Security.NONE).start();
				SmtpConversation smtp = SmtpConversation.connect(relay)) {
			smtp.reply();
			assertThat(smtp.command("EHLO client.example.com")).contains("250-AUTH PLAIN LOGIN")
				.doesNotContain("250-STARTTLS");
		}
	}

	@Test
	void messageIsQueuedWithItsEnvelopeBytesAndTheIdTheRelayAnswered() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.start()) {
			send(relay, "App", relay.getApiKey(), "user@example.com", "copy@example.com");
			assertThat(relay.getMessages()).singleElement().satisfies((message) -> {
				assertThat(message.from()).isEqualTo("shop@example.com");
				assertThat(message.recipients()).containsExactly("user@example.com", "copy@example.com");
				assertThat(message.messageId()).matches("[0-9a-f]{32}");
				assertThat(message.authenticatedUser()).isEqualTo("App");
				assertThat(message.tls()).isTrue();
				assertThat(message.text()).contains("Subject: Queued\r\n");
				assertThat(message.headerLines()).first().asString().startsWith("Received: ");
				assertThat(message.headerLines()).contains("Subject: Queued");
			});
			assertThat(relay.getEnvelopeCommands()).containsExactly("MAIL FROM:<shop@example.com>",
					"RCPT TO:<user@example.com>", "RCPT TO:<copy@example.com>");
			assertThat(relay.getMessageCount()).isEqualTo(1);
			assertThat(relay.getMessagesPerSession()).containsExactly(1);
			assertThat(relay.getSessionCount()).isEqualTo(1);
			assertThat(relay.getQuitCount()).isEqualTo(1);
			assertThat(relay.getAuthAttempts()).isEqualTo(1);
			assertThat(relay.getTlsSessions()).singleElement()
				.satisfies((tls) -> assertThat(tls.protocol()).isEqualTo("TLSv1.3"));
		}
	}

	@Test
	void endOfDataIsAnsweredWithTheMessageId() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start();
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			String reply = smtp.send("shop@example.com", "user@example.com", DATA);
			assertThat(reply).isEqualTo("250 2.6.0 Message queued as <" + relay.getMessages().get(0).messageId() + ">");
		}
	}

	@Test
	void accountIsAcceptedAndAWrongApiKeyIsNot() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.builder().apiKey("key").account("shop-user", "secret").start()) {
			assertThat(relay.getApiKey()).isEqualTo("key");
			send(relay, "shop-user", "secret", "user@example.com");
			assertThat(relay.getMessages()).singleElement()
				.satisfies((message) -> assertThat(message.authenticatedUser()).isEqualTo("shop-user"));
			assertThatExceptionOfType(MessagingException.class)
				.isThrownBy(() -> send(relay, "App", "wrong", "user@example.com"))
				.withMessageContaining("535");
		}
	}

	@Test
	void apiKeyIsRandomPerRelayByDefault() {
		try (SmtpTestRelay first = SmtpTestRelay.start(); SmtpTestRelay second = SmtpTestRelay.start()) {
			assertThat(first.getApiKey()).isNotEqualTo(second.getApiKey()).matches("[0-9a-f]{32}");
		}
	}

	@Test
	void refusedAuthenticationFailsEvenWithTheRightKey() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.start().refuseAuthentications(1)) {
			assertThatExceptionOfType(MessagingException.class)
				.isThrownBy(() -> send(relay, "App", relay.getApiKey(), "user@example.com"))
				.withMessageContaining("535");
			send(relay, "App", relay.getApiKey(), "user@example.com");
			assertThat(relay.getAuthAttempts()).isEqualTo(2);
		}
	}

	@Test
	void refusedGreetingsAreCounted() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().refuseGreetings(1)) {
			try (SmtpConversation smtp = SmtpConversation.connect(relay)) {
				assertThat(smtp.reply()).isEqualTo("421 4.7.0 Service not available, try again later");
			}
			try (SmtpConversation smtp = SmtpConversation.connect(relay)) {
				assertThat(smtp.reply()).startsWith("220");
			}
			assertThat(relay.getRefusedGreetings()).isEqualTo(1);
			assertThat(relay.getSessionCount()).isEqualTo(1);
		}
	}

	@Test
	void recipientFailuresOfLowerCodesComeFirst() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().failRecipients(1, 550).failRecipients(1, 451);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			smtp.command("MAIL FROM:<shop@example.com>");
			assertThat(smtp.last("RCPT TO:<a@example.com>")).isEqualTo("451 4.3.0 Temporary failure, try again later");
			assertThat(smtp.last("RCPT TO:<b@example.com>"))
				.isEqualTo("550 5.1.1 Recipient address rejected: b@example.com");
			assertThat(smtp.last("RCPT TO:<c@example.com>")).startsWith("250");
		}
	}

	@Test
	void refusedRecipientIsRefusedEveryTime() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().refuseRecipient("gone@example.com", 550);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			smtp.command("MAIL FROM:<shop@example.com>");
			assertThat(smtp.last("RCPT TO:<gone@example.com>")).startsWith("550 5.1.1");
			assertThat(smtp.last("RCPT TO:<gone@example.com>")).startsWith("550 5.1.1");
		}
	}

	@Test
	void refusedSendersAreRefusedUntilAcceptedAgain() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().refuseSenders(553);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			assertThat(smtp.last("MAIL FROM:<shop@example.com>"))
				.isEqualTo("553 5.7.1 Sender address rejected: shop@example.com");
			relay.refuseSenders(0);
			assertThat(smtp.last("MAIL FROM:<shop@example.com>")).startsWith("250");
		}
	}

	@Test
	void failedDataIsAnsweredByItsCodeAndNotQueued() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().failData(1, 554).failData(1, 451);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			assertThat(smtp.send("shop@example.com", "user@example.com", DATA))
				.isEqualTo("451 4.3.0 Temporary failure, try again later");
			assertThat(smtp.send("shop@example.com", "user@example.com", DATA)).isEqualTo("554 5.7.1 Message refused");
			assertThat(smtp.send("shop@example.com", "user@example.com", DATA)).startsWith("250 2.6.0");
			assertThat(relay.getMessages()).hasSize(1);
		}
	}

	@Test
	void messageOverTheSizeLimitIsRefusedWith552() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start();
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			assertThat(smtp.last("MAIL FROM:<shop@example.com> SIZE=20971521")).startsWith("552");
			String line = "x".repeat(998) + "\r\n";
			String large = "Subject: Large\r\n\r\n" + line.repeat(SmtpTestRelay.MAX_MESSAGE_SIZE / line.length() + 1);
			assertThat(smtp.send("shop@example.com", "user@example.com", large)).startsWith("552 5.3.4");
			assertThat(relay.getMessages()).isEmpty();
		}
	}

	@Test
	void droppedAfterDataIsQueuedButUnanswered() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().dropAfterData(1);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			assertThat(smtp.send("shop@example.com", "user@example.com", DATA)).isNull();
			assertThat(relay.getMessages()).hasSize(1);
		}
	}

	@Test
	void droppedAtRecipientIsUnanswered() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().dropAtRecipient(1);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			smtp.command("MAIL FROM:<shop@example.com>");
			assertThat(smtp.last("RCPT TO:<user@example.com>")).isNull();
		}
	}

	@Test
	void heldReplyIsAnsweredOnRelease() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.start().holdAfterData(1);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
				try {
					return smtp.send("shop@example.com", "user@example.com", DATA);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(relay.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
			Thread.sleep(200);
			assertThat(reply).isNotDone();
			assertThat(relay.getHeldReplies()).isEqualTo(1);
			relay.release();
			assertThat(reply.get(5, TimeUnit.SECONDS)).startsWith("250 2.6.0");
			// released: the next one is not held
			assertThat(smtp.send("shop@example.com", "user@example.com", DATA)).startsWith("250 2.6.0");
		}
	}

	@Test
	void heldRecipientIsAnsweredOnReset() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.start().holdAtRecipient(1);
				SmtpConversation smtp = SmtpConversation.authenticated(relay)) {
			smtp.command("MAIL FROM:<shop@example.com>");
			CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
				try {
					return smtp.last("RCPT TO:<user@example.com>");
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(200);
			assertThat(reply).isNotDone();
			relay.reset();
			assertThat(reply.get(5, TimeUnit.SECONDS)).startsWith("250");
		}
	}

	@Test
	void connectionsBeyondTheCapAreGreetedWith421UntilReset() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start().maxConnections(1);
				SmtpConversation first = SmtpConversation.connect(relay)) {
			assertThat(first.reply()).startsWith("220");
			try (SmtpConversation second = SmtpConversation.connect(relay)) {
				assertThat(second.reply()).isEqualTo("421 4.7.0 Too many connections, try again later");
			}
			relay.reset();
			try (SmtpConversation third = SmtpConversation.connect(relay)) {
				assertThat(third.reply()).startsWith("220");
			}
			assertThat(relay.getMaxConcurrentSessions()).isEqualTo(2);
			assertThat(relay.getRefusedGreetings()).isZero();
		}
	}

	@Test
	void capMustAllowAConnection() {
		try (SmtpTestRelay relay = SmtpTestRelay.start()) {
			assertThatIllegalArgumentException().isThrownBy(() -> relay.maxConnections(0));
		}
	}

	@Test
	void droppedConnectionsAreClosedByTheRelay() throws IOException {
		try (SmtpTestRelay relay = SmtpTestRelay.start(); SmtpConversation smtp = SmtpConversation.connect(relay)) {
			smtp.reply();
			assertThat(relay.getOpenSessionCount()).isEqualTo(1);
			relay.dropAllConnections();
			assertThat(smtp.reply()).isNull();
		}
	}

	@Test
	void relayThatKeepsNoMessagesOnlyCountsThem() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.builder().keepMessages(false).start()) {
			send(relay, "App", relay.getApiKey(), "user@example.com");
			assertThat(relay.getMessageCount()).isEqualTo(1);
			assertThat(relay.getMessages()).isEmpty();
			assertThat(relay.getEnvelopeCommands()).isEmpty();
		}
	}

	@Test
	void resetForgetsMessagesButKeepsCounting() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.start()) {
			send(relay, "App", relay.getApiKey(), "user@example.com");
			relay.reset();
			assertThat(relay.getMessages()).isEmpty();
			assertThat(relay.getEnvelopeCommands()).isEmpty();
			assertThat(relay.getMessageCount()).isEqualTo(1);
			assertThat(relay.awaitMessages(1, Duration.ofMillis(100))).isFalse();
		}
	}

	@Test
	void relayOffersOnlyTheTlsVersionsConfigured() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.builder().tlsProtocols("TLSv1.2").start()) {
			send(relay, "App", relay.getApiKey(), "user@example.com");
			assertThat(relay.getTlsSessions()).singleElement()
				.satisfies((tls) -> assertThat(tls.protocol()).isEqualTo("TLSv1.2"));
		}
	}

	@Test
	void relayPresentsTheIdentityConfigured() throws Exception {
		try (SmtpTestRelay relay = SmtpTestRelay.builder().identity(TestCertificates.UNTRUSTED_LOCALHOST).start()) {
			assertThatExceptionOfType(MessagingException.class)
				.isThrownBy(() -> send(relay, "App", relay.getApiKey(), "user@example.com"))
				.withStackTraceContaining("PKIX path");
		}
	}

	// Angus Mail, trusting the test CA and checking the server's identity
	private static void send(SmtpTestRelay relay, String user, String password, String... to)
			throws MessagingException {
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.auth", "true");
		properties.setProperty("mail.smtp.starttls.enable", "true");
		properties.setProperty("mail.smtp.starttls.required", "true");
		properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
		properties.put("mail.smtp.ssl.socketFactory",
				TestCertificates.TRUSTED_CA.createSslContext().getSocketFactory());
		properties.setProperty("mail.smtp.timeout", "5000");
		Session session = Session.getInstance(properties);
		MimeMessage message = new MimeMessage(session);
		message.setFrom("shop@example.com");
		message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", List.of(to))));
		message.setSubject("Queued");
		message.setText("Body");
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect(relay.getHost(), relay.getPort(), user, password);
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

}

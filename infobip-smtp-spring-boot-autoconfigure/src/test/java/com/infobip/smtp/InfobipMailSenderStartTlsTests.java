/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.test.relay.TestCertificates;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * STARTTLS as on Infobip's port 587, against a SubEthaSMTP relay that requires STARTTLS
 * and then AUTH.
 */
class InfobipMailSenderStartTlsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class));

	@Test
	void sendsOverStartTlsWithAuth() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			send(relay, "STARTTLS");
			assertThat(relay.getAuthAttempts()).isEqualTo(1);
			assertThat(relay.getMessages()).singleElement().satisfies((received) -> {
				assertThat(received.from()).isEqualTo("shop@example.com");
				assertThat(received.recipients()).containsExactly("user@example.com");
				assertThat(received.text()).contains("Subject: " + TestMessages.SUBJECT);
			});
		}
	}

	@Test
	void sendsWithEachAuthMechanism() {
		for (AuthMechanism mechanism : AuthMechanism.values()) {
			try (SmtpTestRelay relay = TestRelays.start()) {
				this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
					.withPropertyValues("infobip.smtp.auth-mechanism=" + mechanism)
					.run((context) -> context.getBean(InfobipMailSender.class)
						.send(TestMessages.plainText("user@example.com")));
				assertThat(relay.getMessages()).as(mechanism.name()).hasSize(1);
			}
		}
	}

	@Test
	void serverWithoutStartTlsGetsNoAuthAndTheSendFails() {
		try (SmtpTestRelay relay = TestRelays.builder().security(SmtpTestRelay.Security.NONE).start()) {
			assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> send(relay, "STARTTLS"))
				.satisfies((ex) -> assertThat(ex.getMessageExceptions()[0])
					.hasMessageContaining("STARTTLS is required but host does not support STARTTLS"));
			assertThat(relay.getAuthAttempts()).isZero();
			assertThat(relay.getMessages()).isEmpty();
		}
	}

	@Test
	void serverWithUntrustedCertificateGetsNoAuth() {
		try (SmtpTestRelay relay = TestRelays.builder().identity(TestCertificates.UNTRUSTED_LOCALHOST).start()) {
			assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> send(relay, "STARTTLS"))
				.satisfies((ex) -> assertThat(ex.getMessageExceptions()[0])
					.hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class));
			assertThat(relay.getAuthAttempts()).isZero();
			assertThat(relay.getMessages()).isEmpty();
		}
	}

	@Test
	void serverWhoseCertificateNamesAnotherHostGetsNoAuth() {
		try (SmtpTestRelay relay = TestRelays.builder().identity(TestCertificates.OTHER_HOST).start()) {
			assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> send(relay, "STARTTLS"))
				.satisfies((ex) -> assertThat(ex.getMessageExceptions()[0]).hasStackTraceContaining("localhost"));
			assertThat(relay.getAuthAttempts()).isZero();
			assertThat(relay.getMessages()).isEmpty();
		}
	}

	@Test
	void serverTrustedOnlyByTheJvmDefaultsIsRefusedWithoutAnSslBundle() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.ssl.bundle=")
				.run((context) -> assertThatExceptionOfType(MailSendException.class)
					.isThrownBy(() -> context.getBean(InfobipMailSender.class)
						.send(TestMessages.plainText("user@example.com"))));
			assertThat(relay.getAuthAttempts()).isZero();
		}
	}

	@Test
	void messageWhoseWriteToLeavesBytesUnflushedArrivesWhole() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {

						// an application's own message, which writes one byte at a time
						// and never flushes
						@Override
						public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
							for (byte b : "Subject: Unflushed\r\n\r\nEvery byte\r\n.arrives\r\n"
								.getBytes(StandardCharsets.US_ASCII)) {
								out.write(b);
							}
						}

					};
					message.setFrom("shop@example.com");
					message.setRecipients(Message.RecipientType.TO, "user@example.com");
					message.setText("Every byte");
					sender.send(message);
				});
			assertThat(relay.getMessages()).singleElement()
				.satisfies((received) -> assertThat(received.text())
					.endsWith("\r\nSubject: Unflushed\r\n\r\nEvery byte\r\n.arrives\r\n"));
		}
	}

	private void send(SmtpTestRelay relay, String security) {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), security)).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(InfobipMailSender.class).send(TestMessages.plainText("user@example.com"));
		});
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.time.Duration;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipSendFailedException;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.SendOutcomeUnknownException;
import com.infobip.smtp.SmtpSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/**
 * The relay outside Spring, through {@link InfobipSmtpTestRelayExtension}, with an
 * {@link InfobipMailSender} built from its connection settings.
 */
class InfobipSmtpTestRelayExtensionTests {

	@RegisterExtension
	static final InfobipSmtpTestRelayExtension relay = new InfobipSmtpTestRelayExtension();

	private static InfobipSmtpTestRelay classRelay;

	private InfobipMailSender sender;

	@BeforeAll
	static void rememberTheClassesRelay() {
		classRelay = relay.getRelay();
	}

	@BeforeEach
	void createSender() {
		this.sender = InfobipMailSender.builder(relay.getRelay().getConnectionSettings())
			.retry(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10))
			.build();
	}

	@AfterEach
	void closeSender() {
		this.sender.close();
	}

	@Test
	void messageSentWithTheConnectionSettingsIsReceivedOverTlsAsApp() {
		InfobipSendResult result = this.sender.sendWithResult(mail());
		assertThat(relay.getRelay().awaitMessages(1, Duration.ofSeconds(5))).singleElement().satisfies((received) -> {
			assertThat(received.messageId()).isEqualTo(result.messageId());
			assertThat(received.envelopeSender()).isEqualTo("shop@example.com");
			assertThat(received.envelopeRecipients()).containsExactly("user@example.com");
			assertThat(received.header("Subject")).isEqualTo("Hello");
			assertThat(received.authenticatedUser()).isEqualTo("App");
			assertThat(received.tls()).isTrue();
		});
	}

	@Test
	void relayIsResetBeforeEachTestOfTheClass() {
		assertThat(relay.getRelay().getReceivedMessages()).isEmpty();
	}

	@Test
	void refusedGreetingIsRetriedIntoOneCopy() {
		relay.getRelay().failNext(RelayFault.GREETING_421);
		this.sender.send(mail());
		assertThat(relay.getRelay().getReceivedMessages()).hasSize(1);
	}

	@Test
	void refusedAuthenticationFailsTheSend() {
		relay.getRelay().failNext(RelayFault.AUTH_535);
		assertThatExceptionOfType(MailAuthenticationException.class).isThrownBy(() -> this.sender.send(mail()));
		assertThat(relay.getRelay().getReceivedMessages()).isEmpty();
	}

	@Test
	void permanentlyRefusedRecipientFailsTheSendWith550() {
		relay.getRelay().failNext(RelayFault.RCPT_550);
		assertThatExceptionOfType(MailException.class).isThrownBy(() -> this.sender.send(mail()))
			.withMessageContaining("550");
		assertThat(relay.getRelay().getReceivedMessages()).isEmpty();
	}

	@Test
	void refusedDataFailsTheSendWith554AndNothingIsReceived() {
		relay.getRelay().failNext(RelayFault.DATA_554);
		assertThatExceptionOfType(InfobipSendFailedException.class).isThrownBy(() -> this.sender.send(mail()))
			.satisfies((ex) -> assertThat(ex.getReply().code()).isEqualTo(554));
		assertThat(relay.getRelay().getReceivedMessages()).isEmpty();
	}

	@Test
	void unansweredDataSurfacesAsSendOutcomeUnknownAfterTheReadTimeout() {
		relay.getRelay().failNext(RelayFault.HANG_AFTER_DATA);
		try (InfobipMailSender impatient = InfobipMailSender
			.builder(relay.getRelay().getConnectionSettings().withTimeouts(Duration.ofMillis(500)))
			.build()) {
			assertThatExceptionOfType(SendOutcomeUnknownException.class).isThrownBy(() -> impatient.send(mail()));
		}
		assertThat(relay.getRelay().getReceivedMessages()).hasSize(1);
	}

	@Test
	void messageOverTheRelaysSizeLimitIsRefusedWith552() {
		SimpleMailMessage large = mail();
		large.setText("x".repeat(InfobipSmtpTestRelay.MAX_MESSAGE_SIZE + 1024));
		// the sender's own limit would refuse it before the relay sees it
		try (InfobipMailSender unlimited = InfobipMailSender.builder(relay.getRelay().getConnectionSettings())
			.maxMessageSize(2L * InfobipSmtpTestRelay.MAX_MESSAGE_SIZE)
			.build()) {
			assertThatExceptionOfType(InfobipSendFailedException.class).isThrownBy(() -> unlimited.send(large))
				.satisfies((ex) -> assertThat(ex.getReply().code()).isEqualTo(552));
		}
		assertThat(relay.getRelay().getReceivedMessages()).isEmpty();
	}

	@Test
	void awaitingMoreMessagesThanArriveFailsWithWhatWasReceived() {
		this.sender.send(mail());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> relay.getRelay().awaitMessages(2, Duration.ofMillis(200)))
			.withMessageContaining("Expected 2 message(s)")
			.withMessageContaining("received 1")
			.withMessageContaining("to=[user@example.com]");
	}

	@Test
	void extensionStartsEachRelayWithItsBuilder() {
		InfobipSmtpTestRelayExtension extension = new InfobipSmtpTestRelayExtension(
				InfobipSmtpTestRelay.builder().security(SmtpSecurity.TLS).pipelining(false));
		ExtensionContext context = mock(ExtensionContext.class);
		extension.beforeEach(context);
		InfobipSmtpTestRelay relay = extension.getRelay();
		assertThat(relay.getSecurity()).isEqualTo(SmtpSecurity.TLS);
		assertThat(relay.isPipelining()).isFalse();
		extension.afterEach(context);
		assertThatIllegalStateException().isThrownBy(extension::getRelay);
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassUsesTheEnclosingClassesRelay() {
			assertThat(relay.getRelay()).isSameAs(classRelay);
		}

	}

	private static SimpleMailMessage mail() {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("shop@example.com");
		message.setTo("user@example.com");
		message.setSubject("Hello");
		message.setText("Hello from the extension test");
		return message;
	}

}

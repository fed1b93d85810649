/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.test.relay.TlsSession;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The TLS versions and cipher suites offered to the relay, for STARTTLS and implicit TLS
 * alike: those of the SSL bundle's options, as the relay saw them.
 */
class InfobipMailSenderTlsVersionTests {

	private static final String BUNDLE_OPTIONS = "spring.ssl.bundle.pem.test-relay.options.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "STARTTLS", "TLS" })
	void bundleEnablingOnlyTls13ConnectsWithTls13(String security) {
		try (SmtpTestRelay relay = relay(security).start()) {
			send(relay, security, BUNDLE_OPTIONS + "enabled-protocols=TLSv1.3");
			assertThat(relay.getTlsSessions()).extracting(TlsSession::protocol).containsExactly("TLSv1.3");
			assertThat(relay.getMessages()).hasSize(1);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "STARTTLS", "TLS" })
	void bundleEnablingOnlyTls13IsRefusedByARelayOfferingOnlyTls12BeforeAuth(String security) {
		try (SmtpTestRelay relay = relay(security).tlsProtocols("TLSv1.2").start()) {
			assertThatExceptionOfType(MailSendException.class)
				.isThrownBy(() -> send(relay, security, BUNDLE_OPTIONS + "enabled-protocols=TLSv1.3"))
				.withMessageContaining("the relay accepted none of the TLS versions offered (TLSv1.3)")
				.withMessageContaining("the starter requires TLSv1.2 or later");
			assertThat(relay.getAuthAttempts()).isZero();
			assertThat(relay.getMessages()).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "STARTTLS", "TLS" })
	void bundleEnablingOnlyTls12ConnectsWithTls12ToARelayOfferingTls13(String security) {
		try (SmtpTestRelay relay = relay(security).start()) {
			send(relay, security, BUNDLE_OPTIONS + "enabled-protocols=TLSv1.2");
			assertThat(relay.getTlsSessions()).extracting(TlsSession::protocol).containsExactly("TLSv1.2");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "STARTTLS", "TLS" })
	void bundleCiphersAreTheOnlyOnesOffered(String security) {
		try (SmtpTestRelay relay = relay(security).start()) {
			send(relay, security, BUNDLE_OPTIONS + "enabled-protocols=TLSv1.2",
					BUNDLE_OPTIONS + "ciphers=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
			assertThat(relay.getTlsSessions())
				.containsExactly(new TlsSession("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "STARTTLS", "TLS" })
	void bundleCiphersTheRelayCannotUseFailTheHandshakeWithItsReason(String security) {
		// an RSA suite, and the relay's key is an EC key
		try (SmtpTestRelay relay = relay(security).start()) {
			assertThatExceptionOfType(MailSendException.class)
				.isThrownBy(() -> send(relay, security, BUNDLE_OPTIONS + "enabled-protocols=TLSv1.2",
						BUNDLE_OPTIONS + "ciphers=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
				.withMessageContaining("TLS handshake failed: ")
				.withMessageContaining("Received fatal alert: handshake_failure");
			assertThat(relay.getAuthAttempts()).isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "STARTTLS", "TLS" })
	void bundleWithoutOptionsConnectsWithTls13(String security) {
		try (SmtpTestRelay relay = relay(security).start()) {
			send(relay, security);
			assertThat(relay.getTlsSessions()).extracting(TlsSession::protocol).containsExactly("TLSv1.3");
		}
	}

	private static SmtpTestRelay.Builder relay(String security) {
		return TestRelays.builder()
			.security("TLS".equals(security) ? SmtpTestRelay.Security.TLS : SmtpTestRelay.Security.STARTTLS);
	}

	private void send(SmtpTestRelay relay, String security, String... properties) {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), security))
			.withPropertyValues(properties)
			.withPropertyValues("infobip.smtp.pool.enabled=false", "infobip.smtp.retry.max-attempts=1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(InfobipMailSender.class).send(TestMessages.plainText("user@example.com"));
			});
	}

}

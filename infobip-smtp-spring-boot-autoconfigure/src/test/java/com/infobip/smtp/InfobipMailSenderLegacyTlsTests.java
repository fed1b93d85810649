/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.security.Security;
import java.util.Properties;

import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.test.relay.TestCertificates;
import com.infobip.smtp.test.relay.TlsSession;
import com.infobip.smtp.testsupport.TestCredentials;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A relay that offers only TLS versions below 1.2 is refused by the starter itself: this
 * JVM allows TLSv1 and TLSv1.1 (which JDK 17 disables by default), so nothing but the
 * starter's own floor stands between them and the relay. The relay also ignores the
 * client's supported_versions, as a relay that predates TLS 1.3 does, and so answers with
 * the version it offers.
 * <p>
 * Runs in a JVM of its own, the surefire execution {@code legacy-tls-tests}, because the
 * security property must be set before TLS initialises.
 */
@Tag("legacy-tls")
class InfobipMailSenderLegacyTlsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class));

	@BeforeAll
	static void jvmAllowsTls11() {
		assertThat(Security.getProperty("jdk.tls.disabledAlgorithms"))
			.as("run by the surefire execution legacy-tls-tests, whose JVM allows TLSv1 and TLSv1.1")
			.doesNotContain("TLSv1,")
			.doesNotContain("TLSv1.1");
	}

	@ParameterizedTest
	@CsvSource({ "STARTTLS, TLSv1.1", "TLS, TLSv1.1", "STARTTLS, TLSv1", "TLS, TLSv1" })
	void relayOfferingOnlyAnOlderVersionIsRefusedBeforeAuth(String security, String offered) {
		try (SmtpTestRelay relay = relay(security).tlsProtocols(offered).start()) {
			this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), security))
				.withPropertyValues("infobip.smtp.retry.max-attempts=1")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					assertThatExceptionOfType(MailSendException.class)
						.isThrownBy(() -> sender.send(TestMessages.plainText("user@example.com")))
						.withMessageContaining(
								"the relay offered " + offered + "; the starter requires TLSv1.2 or later")
						.withMessageNotContaining(TestCredentials.API_KEY);
				});
			assertThat(relay.getAuthAttempts()).isZero();
			assertThat(relay.getMessages()).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "STARTTLS", "TLS" })
	void jakartaMailWithoutTheStarterSpeaksTls11ToTheSameRelay(String security) throws Exception {
		// the control: in this JVM the relay and Jakarta Mail agree on TLSv1.1
		try (SmtpTestRelay relay = relay(security).tlsProtocols("TLSv1.1").start()) {
			Properties properties = new Properties();
			properties.put("mail.smtp.host", "localhost");
			properties.put("mail.smtp.port", String.valueOf(relay.getPort()));
			properties.put("mail.smtp.auth", "true");
			properties.put("mail.smtp.starttls.enable", "true");
			properties.put("mail.smtp.ssl.enable", String.valueOf("TLS".equals(security)));
			properties.put("mail.smtp.ssl.socketFactory",
					SslBundle
						.of(new PemSslStoreBundle(null,
								PemSslStoreDetails.forCertificate(TestCertificates.TRUSTED_CA.getPemLocation())))
						.createSslContext()
						.getSocketFactory());
			Session session = Session.getInstance(properties);
			MimeMessage message = new MimeMessage(session);
			message.setFrom("shop@example.com");
			message.setRecipients(Message.RecipientType.TO, "user@example.com");
			message.setText("Body");
			Transport.send(message, TestCredentials.API_KEY_USER, TestCredentials.API_KEY);
			assertThat(relay.getTlsSessions()).extracting(TlsSession::protocol).containsExactly("TLSv1.1");
			assertThat(relay.getMessages()).hasSize(1);
		}
	}

	private static SmtpTestRelay.Builder relay(String security) {
		return TestRelays.builder()
			.security("TLS".equals(security) ? SmtpTestRelay.Security.TLS : SmtpTestRelay.Security.STARTTLS);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application with Spring Boot's logging set up as usual (Logback, java.util.logging
 * bridged), switching the starter's category to DEBUG to diagnose it: the starter's DEBUG
 * lines carry ids, counts, phases and reply codes, never an address, a subject or a
 * relay's reply text; Angus Mail's own logging stays under Angus Mail's category.
 */
@ExtendWith(OutputCaptureExtension.class)
class DebugLoggingTests {

	private static final String ACCEPTED = "accepted.person@example.com";

	private static final String REFUSED = "refused.person@example.com";

	private static final String SUBJECT = "Very personal subject";

	@Test
	void debugOfTheStartersCategoryLogsIdsButNoAddressSubjectOrReplyText(CapturedOutput output) throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().refuseRecipient(REFUSED, 550);
				ConfigurableApplicationContext context = start(relay, "logging.level.com.infobip=DEBUG")) {
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			InfobipSendResult partial = sender.sendWithResult(personal(sender, ACCEPTED, REFUSED));
			assertThat(partial.refusedRecipients()).hasSize(1);
			assertThatExceptionOfType(InfobipSendFailedException.class)
				.isThrownBy(() -> sender.send(personal(sender, REFUSED)));
			assertThat(output).contains("Sent message <", "queue id " + partial.messageId(),
					"1 of 2 recipient(s) accepted");
			assertThat(output).contains("Did not send message <", "at RCPT, 550 5.1.1");
			assertThat(output).doesNotContain("accepted.person", "refused.person", SUBJECT,
					"Recipient address rejected", "Verified Addresses");
		}
	}

	@Test
	void angusMailsDebugIsUnderAngusMailsCategory(CapturedOutput output) throws Exception {
		try (SmtpTestRelay relay = TestRelays.start();
				ConfigurableApplicationContext context = start(relay, "logging.level.org.eclipse.angus.mail=DEBUG")) {
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			sender.send(personal(sender, ACCEPTED));
			// Spring Boot's default pattern: the logger's name, padded, then the message
			assertThat(output.toString()).containsPattern("org\\.eclipse\\.angus\\.mail\\.smtp\\s+: Verified Addresses")
				.doesNotContainPattern("com\\.infobip\\S*\\s+: Verified Addresses");
		}
	}

	// the levels outlive the application: later tests in this JVM must not log at DEBUG
	@AfterEach
	void resetLevels() {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.setLogLevel("com.infobip", null);
		loggingSystem.setLogLevel("org.eclipse.angus.mail", null);
	}

	// with a subject the log must not show
	private static MimeMessage personal(InfobipMailSender sender, String... to) throws MessagingException {
		MimeMessage message = TestMessages.multipartHtml(sender, to);
		message.setSubject(SUBJECT, "UTF-8");
		return message;
	}

	private static ConfigurableApplicationContext start(SmtpTestRelay relay, String... properties) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.properties("infobip.smtp.retry.max-attempts=1")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class })
	static class Application {

	}

}

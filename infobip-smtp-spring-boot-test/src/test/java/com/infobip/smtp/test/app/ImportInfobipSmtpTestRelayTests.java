/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.ImportInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.ReceivedMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * A dev-time application, {@link RelayTestApplication} run with a configuration that
 * imports the relay, outside the Spring TestContext Framework: it starts without the
 * environment variable its application.yml reads the API key from, sends through the
 * relay, gets reports on its own webhook, and stops the relay when it closes.
 */
class ImportInfobipSmtpTestRelayTests {

	@Test
	void runningApplicationSendsThroughTheRelayAndGetsItsReports() {
		InfobipSmtpTestRelay relay;
		try (ConfigurableApplicationContext context = SpringApplication
			.from((args) -> SpringApplication.run(RelayTestApplication.class, args))
			.with(ImplicitTlsRelay.class)
			.run("--server.port=0")
			.getApplicationContext()) {
			relay = context.getBean(InfobipSmtpTestRelay.class);
			assertThat(relay.getSecurity()).isEqualTo(SmtpSecurity.TLS);
			assertThat(context.getEnvironment().getProperty("infobip.smtp.api-key")).isEqualTo(relay.getApiKey());
			SimpleMailMessage message = new SimpleMailMessage();
			message.setTo("user@example.com");
			message.setSubject("Your order");
			message.setText("Shipped");
			context.getBean(InfobipMailSender.class).send(message);
			ReceivedMessage received = relay.awaitMessages(1, Duration.ofSeconds(5)).get(0);
			assertThat(received.tls()).isTrue();
			assertThat(received.authenticatedUser()).isEqualTo(InfobipSmtpTestRelay.API_KEY_USERNAME);
			assertThat(received.notifyUrl()).startsWith(
					"http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/infobip/smtp");
			assertThat(relay.reports().delivered(received)).isEqualTo(200);
			assertThat(relay.reports().opened(received)).isEqualTo(200);
			RelayTestApplication.Events events = context.getBean(RelayTestApplication.Events.class);
			assertThat(events.reports).singleElement()
				.satisfies((event) -> assertThat(event.getMessageId()).isEqualTo(received.messageId()));
			assertThat(events.tracking).singleElement()
				.satisfies((event) -> assertThat(event.getMessageId()).isEqualTo(received.messageId()));
		}
		int port = relay.getPort();
		assertThatIOException().isThrownBy(() -> connect(port));
	}

	@Test
	void importTakesTheAttributesOfTheTestAnnotation() {
		try (ConfigurableApplicationContext context = SpringApplication
			.from((args) -> SpringApplication.run(RelayTestApplication.class, args))
			.with(AccountRelayWithoutPipelining.class)
			.run("--server.port=0")
			.getApplicationContext()) {
			InfobipSmtpTestRelay relay = context.getBean(InfobipSmtpTestRelay.class);
			assertThat(relay.isPipelining()).isFalse();
			assertThat(context.getEnvironment().getProperty("infobip.smtp.username")).isEqualTo(relay.getUsername());
			assertThat(context.getEnvironment().getProperty("infobip.smtp.password")).isEqualTo(relay.getPassword());
			assertThat(context.getEnvironment().getProperty("infobip.smtp.api-key")).isEmpty();
			SimpleMailMessage message = new SimpleMailMessage();
			message.setTo("user@example.com");
			message.setSubject("Your order");
			message.setText("Shipped");
			context.getBean(InfobipMailSender.class).send(message);
			ReceivedMessage received = relay.awaitMessages(1, Duration.ofSeconds(5)).get(0);
			assertThat(received.authenticatedUser()).isEqualTo(relay.getUsername());
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			// connected: the relay still runs
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
	static class ImplicitTlsRelay {

	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportInfobipSmtpTestRelay(credentials = AutoConfigureInfobipSmtpTestRelay.Credentials.USERNAME_PASSWORD,
			pipelining = false)
	static class AccountRelayWithoutPipelining {

	}

}

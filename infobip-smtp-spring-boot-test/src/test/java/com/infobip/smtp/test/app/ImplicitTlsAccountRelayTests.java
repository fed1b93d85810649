/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.app;

import java.time.Duration;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.ReceivedMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application against a relay on implicit TLS with account credentials, and a
 * notify URL of its own that the annotation leaves alone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "infobip.smtp.notify-url=https://hooks.example.com/reports")
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS,
		credentials = AutoConfigureInfobipSmtpTestRelay.Credentials.USERNAME_PASSWORD)
class ImplicitTlsAccountRelayTests {

	@Autowired
	private InfobipMailSender sender;

	@Autowired
	private InfobipSmtpTestRelay relay;

	@LocalServerPort
	private int port;

	@Test
	void messageIsSentOverImplicitTlsWithTheAccountAndKeepsTheConfiguredNotifyUrl() {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setTo("user@example.com");
		message.setSubject("Hello");
		message.setText("Over TLS");
		this.sender.send(message);
		ReceivedMessage received = this.relay.awaitMessages(1, Duration.ofSeconds(5)).get(0);
		assertThat(this.sender.getConnectionSettings().security()).isEqualTo(SmtpSecurity.TLS);
		assertThat(received.tls()).isTrue();
		assertThat(received.authenticatedUser()).isEqualTo(this.relay.getUsername());
		assertThat(received.notifyUrl()).isEqualTo("https://hooks.example.com/reports");
		assertThat(received.trackingUrl())
			.isEqualTo("http://localhost:" + this.port + "/infobip/smtp/tracking?token=test-webhook-token");
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;

import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.relay.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample logs for a message sent through a relay that, unlike Infobip's, names
 * no queue id in its reply ("250 Ok").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MailerWithoutQueueIdTests {

	private static final String API_KEY = "relay-without-queue-id";

	private static final SMTPServer relay = startRelay();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void relayProperties(DynamicPropertyRegistry registry) {
		registry.add("infobip.smtp.host", () -> "localhost");
		registry.add("infobip.smtp.port", relay::getPortAllocated);
		registry.add("infobip.smtp.security", () -> "TLS");
		registry.add("infobip.smtp.api-key", () -> API_KEY);
		registry.add("infobip.smtp.ssl.bundle", () -> "relay");
		registry.add("spring.ssl.bundle.pem.relay.truststore.certificate", TestCertificates.TRUSTED_CA::getPem);
	}

	@AfterAll
	static void stopRelay() {
		relay.stop();
	}

	@Test
	void sendWithoutQueueIdFromTheRelaySaysSoInsteadOfNull(CapturedOutput output) throws Exception {
		HttpResponse<String> response = new SampleHttp(this.port).post("/send",
				"{\"to\":\"friend@example.com\",\"subject\":\"No queue id\",\"text\":\"Hi\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(output.getOut()).contains("Sent 'No queue id' to [friend@example.com]: no queue id from the relay")
			.doesNotContain("queued as null");
	}

	private static SMTPServer startRelay() {
		SMTPServer server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.serverSocketFactory(TestCertificates.LOCALHOST.createSslContext())
			.enableTLS(false)
			.showAuthCapabilitiesBeforeSTARTTLS(true)
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(MailerWithoutQueueIdTests::login))
			.requireAuth()
			.messageHandlerFactory(Answer250Ok::new)
			.build();
		server.start();
		return server;
	}

	private static void login(String username, String password, MessageContext context) throws LoginFailedException {
		if (!InfobipSmtpTestRelay.API_KEY_USERNAME.equals(username) || !API_KEY.equals(password)) {
			throw new LoginFailedException();
		}
	}

	/**
	 * Takes a message and answers "250 Ok", without a queue id.
	 */
	private static final class Answer250Ok implements MessageHandler {

		Answer250Ok(MessageContext context) {
		}

		@Override
		public void from(String from) {
		}

		@Override
		public void recipient(String recipient) {
		}

		@Override
		public String data(InputStream data) throws IOException {
			data.readAllBytes();
			return null;
		}

		@Override
		public void done() {
		}

	}

}

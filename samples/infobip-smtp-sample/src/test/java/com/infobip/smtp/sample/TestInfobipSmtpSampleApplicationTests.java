/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.ReceivedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample offline as {@link TestInfobipSmtpSampleApplication} does, and so as the
 * README's command does: its start-up message reaches the test relay with its Infobip
 * headers, the simulated report and open are matched to it and logged, and health is UP.
 */
@ExtendWith(OutputCaptureExtension.class)
class TestInfobipSmtpSampleApplicationTests {

	@Test
	void startupMessageReachesTheRelayAndItsReportAndOpenAreMatchedAndLogged(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.from(InfobipSmtpSampleApplication::main)
			.with(OfflineConfiguration.class)
			.run("--server.port=0")
			.getApplicationContext()) {
			InfobipSmtpTestRelay relay = context.getBean(InfobipSmtpTestRelay.class);
			ReceivedMessage startup = relay.awaitMessages(1, Duration.ofSeconds(5)).get(0);
			assertThat(startup.mimeMessage().getSubject()).isEqualTo("Welcome to the Infobip SMTP sample");
			assertThat(startup.tls()).isTrue();
			assertThat(startup.bulkId()).isNotBlank();
			assertThat(startup.callbackData()).isEqualTo("startup-message");
			assertThat(startup.notifyContentType()).isEqualTo("application/json");
			DeliveryLog deliveryLog = context.getBean(DeliveryLog.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveryLog.matched()).hasSize(2));
			assertThat(deliveryLog.matched())
				.anySatisfy((line) -> assertThat(line)
					.isEqualTo("Delivery report DELIVERED for message " + startup.messageId() + " (bulk "
							+ startup.bulkId() + "): matches sent message 'Welcome to the Infobip SMTP sample'"))
				.anySatisfy((line) -> assertThat(line)
					.startsWith("Tracking event OPENED for message " + startup.messageId()));
			assertThat(output.getOut())
				.contains("Sent 'Welcome to the Infobip SMTP sample' to [customer@example.com]: queued as "
						+ startup.messageId())
				.contains("Offline relay received: queued as " + startup.messageId())
				.contains("X-IB-callback-data: startup-message")
				.contains("X-IB-bulk-id: " + startup.bulkId())
				.doesNotContain(relay.getApiKey())
				.doesNotContain("offline-sample-token");
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			JsonNode body = JsonMapper.builder().build().readTree(health.body());
			assertThat(body.get("status").asString()).isEqualTo("UP");
			assertThat(body.get("components").get("infobipSmtp").get("details").get("security").asString())
				.isEqualTo("TLS");
		}
	}

}

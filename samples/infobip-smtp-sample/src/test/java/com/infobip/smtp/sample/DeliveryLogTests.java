/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports and events posted to the webhook are logged one line each, whatever their ids
 * contain.
 */
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DeliveryLogTests {

	private static final String FORGED = "2026-11-25T10:00:00.000Z  INFO 1 --- [main] Forged: all good";

	@LocalServerPort
	private int port;

	@Value("${infobip.smtp.webhook.token}")
	private String webhookToken;

	private SampleHttp http;

	@BeforeEach
	void setUp() {
		this.http = new SampleHttp(this.port);
	}

	@Test
	void deliveryReportWithLineBreaksInItsIdsIsLoggedOnOneLine(CapturedOutput output) throws Exception {
		String report = """
				{"results":[{"bulkId":"bulk-7\\u001b[2J\\u2028%s","messageId":"report-7\\r\\n%s","to":"friend@example.com",
				"sentAt":"2026-11-25T10:00:00.000+0000","doneAt":"2026-11-25T10:00:01.000+0000","messageCount":1,
				"status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET"},
				"error":{"groupId":0,"groupName":"OK","id":0,"name":"NO_ERROR","permanent":false}}]}
				"""
			.formatted(FORGED, FORGED);
		assertThat(postToWebhook("/delivery-reports", report).statusCode()).isEqualTo(200);
		assertThat(output.getOut()).contains("Delivery report DELIVERED for message report-7\\r\\n" + FORGED
				+ " (bulk bulk-7\\u001b[2J\\u2028" + FORGED + "): matches no message sent here");
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith(FORGED));
		assertThat(output.getOut()).doesNotContain("\u001b[2J").doesNotContain("\u2028");
	}

	@Test
	void trackingEventWithLineBreaksInItsIdsIsLoggedOnOneLine(CapturedOutput output) throws Exception {
		String event = """
				{"notificationType":"OPENED","eventId":"event-8","messageId":"event-8\\n%s","bulkId":"bulk-8\\r%s",
				"recipient":"friend@example.com","sendDateTime":1764064800000}
				""".formatted(FORGED, FORGED);
		assertThat(postToWebhook("/tracking", event).statusCode()).isEqualTo(200);
		assertThat(output.getOut()).contains("Tracking event OPENED for message event-8\\n" + FORGED
				+ " (bulk bulk-8\\r" + FORGED + "): matches no message sent here");
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith(FORGED));
	}

	@Test
	void reportWithoutIdsSaysSoInsteadOfNull(CapturedOutput output) throws Exception {
		String event = """
				{"notificationType":"CLICKED","eventId":"event-9","recipient":"friend@example.com",
				"sendDateTime":1764064800000,"url":"https://example.com"}
				""";
		assertThat(postToWebhook("/tracking", event).statusCode()).isEqualTo(200);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Tracking event CLICKED")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.endsWith("Tracking event CLICKED for a message without id or bulk id: matches no message sent here");
	}

	private HttpResponse<String> postToWebhook(String endpoint, String json) throws Exception {
		return this.http.post(
				"/infobip/smtp" + endpoint + "?token=" + URLEncoder.encode(this.webhookToken, StandardCharsets.UTF_8),
				json);
	}

}

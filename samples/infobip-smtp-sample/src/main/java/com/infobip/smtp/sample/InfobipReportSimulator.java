/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.infobip.smtp.InfobipSendResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Offline only: plays Infobip's part after the relay accepted a message, posting a
 * DELIVERED report and an OPENED event to this application's webhook endpoints. An
 * application processed ahead of time decided {@code @Profile} at build time, so it may
 * have this bean with the {@code infobip} profile too: {@link StartupMessage} uses it
 * only when the offline relay took the message.
 */
@Component
@Profile("!infobip")
class InfobipReportSimulator {

	private static final Log logger = LogFactory.getLog(InfobipReportSimulator.class);

	private static final DateTimeFormatter INFOBIP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private final Environment environment;

	private final HttpClient http = HttpClient.newHttpClient();

	InfobipReportSimulator(Environment environment) {
		this.environment = environment;
	}

	void reportOn(InfobipSendResult result) throws IOException, InterruptedException {
		String messageId = (result.messageId() != null) ? result.messageId() : UUID.randomUUID().toString();
		String now = OffsetDateTime.now(ZoneOffset.UTC).format(INFOBIP_TIME);
		String report = """
				{"results":[{"bulkId":"%s","messageId":"%s","to":"%s","sentAt":"%s","doneAt":"%s","messageCount":1,
				"price":{"pricePerMessage":0,"currency":"EUR"},
				"status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET","description":"Message delivered to handset"},
				"error":{"groupId":0,"groupName":"OK","id":0,"name":"NO_ERROR","description":"No Error","permanent":false},
				"callbackData":"startup-message"}]}
				"""
			.formatted(result.bulkId(), messageId, result.acceptedRecipients().get(0), now, now);
		String opened = """
				{"notificationType":"OPENED","eventId":"%s","domain":"example.com","recipient":"%s",
				"sender":"shop@example.com","sendDateTime":%d,"messageId":"%s","bulkId":"%s","callbackData":"startup-message",
				"recipientInfo":{"deviceType":"Desktop","os":"Linux","deviceName":"Other"},
				"geoLocation":{"countryName":"Croatia","city":"Zagreb"}}
				"""
			.formatted(UUID.randomUUID(), result.acceptedRecipients().get(0), System.currentTimeMillis(), messageId,
					result.bulkId());
		post("/delivery-reports", report);
		post("/tracking", opened);
	}

	private void post(String endpoint, String json) throws IOException, InterruptedException {
		String url = "http://localhost:" + this.environment.getRequiredProperty("local.server.port")
				+ this.environment.getProperty("infobip.smtp.webhook.path", "/infobip/smtp") + endpoint + "?token="
				+ URLEncoder.encode(this.environment.getRequiredProperty("infobip.smtp.webhook.token"),
						StandardCharsets.UTF_8);
		HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.discarding());
		logger.info("Simulated Infobip POST " + endpoint + ": HTTP " + response.statusCode());
	}

}

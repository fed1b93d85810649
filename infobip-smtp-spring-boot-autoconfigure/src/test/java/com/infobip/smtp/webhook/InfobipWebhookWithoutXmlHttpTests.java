/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import tools.jackson.dataformat.xml.XmlMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoints over real HTTP in an application without Jackson's XML module:
 * XML bodies are answered 415, as any other content type the endpoints cannot read, and
 * JSON ones are read as always. The handler is the one the auto-configuration creates,
 * but for the XML module it would find on this class path.
 */
@SpringBootTest(classes = InfobipWebhookWithoutXmlHttpTests.WithoutXmlApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "infobip.smtp.api-key=k",
				"infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=no-xml-token" })
class InfobipWebhookWithoutXmlHttpTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void readerOfXmlIsOnlyCreatedWithTheXmlModule() {
		assertThat(WebhookPayloadReader.xmlIfPresent(new FilteredClassLoader(XmlMapper.class))).isNull();
		assertThat(WebhookPayloadReader.xmlIfPresent(getClass().getClassLoader())).isNotNull();
	}

	@Test
	void xmlBodiesGet415AndNothingIsPublished() throws Exception {
		String report = "<reportResponse><results><result><messageId>xml-1</messageId></result></results>"
				+ "</reportResponse>";
		String tracking = "<notification><notificationType>OPENED</notificationType><eventId>xml-evt</eventId>"
				+ "</notification>";
		for (String contentType : List.of("application/xml", "text/xml", "application/xml; charset=UTF-8")) {
			HttpResponse<String> reports = post("/delivery-reports", contentType, report);
			assertThat(reports.statusCode()).as(contentType).isEqualTo(415);
			assertThat(reports.body()).as(contentType).isEmpty();
			assertThat(post("/tracking", contentType, tracking).statusCode()).as(contentType).isEqualTo(415);
		}
		assertThat(this.events.published).isEmpty();
	}

	@Test
	void xmlBodiesWithoutCredentialsGet401() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/infobip/smtp/delivery-reports"))
			.header("Content-Type", "application/xml")
			.POST(HttpRequest.BodyPublishers.ofString("<reportResponse/>"))
			.build();
		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
	}

	@Test
	void jsonBodiesAreRead() throws Exception {
		assertThat(post("/delivery-reports", "application/json",
				"{\"results\":[{\"messageId\":\"json-1\",\"status\":{\"groupName\":\"DELIVERED\"}}]}")
			.statusCode()).isEqualTo(200);
		assertThat(this.events.published).containsExactly("json-1");
	}

	private HttpResponse<String> post(String endpoint, String contentType, String body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + "/infobip/smtp" + endpoint + "?token=no-xml-token"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WithoutXmlApplication {

		@Bean
		Events events() {
			return new Events();
		}

		// the auto-configuration backs off
		@Bean
		InfobipWebhookHandler infobipWebhookHandler(ApplicationEventPublisher publisher) {
			return new InfobipWebhookHandler(publisher, new WebhookAuthenticator("no-xml-token", null, null),
					1024 * 1024, 1000, Duration.ofSeconds(10), InfobipWebhookDeduplication.inMemory(1000), List.of(),
					null);
		}

	}

	static class Events {

		final List<String> published = new CopyOnWriteArrayList<>();

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) {
			this.published.add(event.getMessageId());
		}

		@EventListener
		void onTracking(InfobipTrackingEvent event) {
			this.published.add(event.getNotification().eventId());
		}

	}

}

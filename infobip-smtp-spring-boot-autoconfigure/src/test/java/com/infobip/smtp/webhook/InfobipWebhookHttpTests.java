/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.testsupport.StartTlsRelay;
import com.infobip.smtp.testsupport.TestCertificates;
import com.infobip.smtp.testsupport.TestRelayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoints over real HTTP on a random port, in a Spring Boot application
 * that uses the starter.
 */
@SpringBootTest(classes = InfobipWebhookHttpTests.WebhookApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=s3cret-token",
				"infobip.smtp.webhook.max-body-size=4KB",
				"infobip.smtp.webhook.public-base-url=https://shop.example.com/" })
class InfobipWebhookHttpTests {

	static final StartTlsRelay relay = StartTlsRelay.start(TestCertificates.LOCALHOST);

	private static final String DELIVERY_REPORT_JSON = """
			{"results":[{"bulkId":"bulk-1","messageId":9223372036854775808,"to":"user@example.com",
			"sentAt":"2019-11-09T16:00:00.000+0000","doneAt":"2019-11-09T16:00:01.500+0000","messageCount":1,
			"price":{"pricePerMessage":0.0012345678901234,"currency":"EUR"},
			"status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET",
			"description":"Message delivered to handset","action":null},
			"error":{"groupId":0,"groupName":"OK","id":0,"name":"NO_ERROR","description":"No Error","permanent":false},
			"callbackData":"user-42","unknownField":{"nested":[1,2,3]}}]}
			""";

	private static final String DELIVERY_REPORT_XML = """
			<reportResponse><results>
			<result><bulkId>bulk-2</bulkId><messageId>m-1</messageId><to>a@example.com</to>
			<sentAt>2019-11-09T16:00:00.000+0000</sentAt><smsCount>1</smsCount>
			<status><groupId>5</groupId><groupName>REJECTED</groupName><id>6</id><name>REJECTED_NETWORK</name></status>
			<error><groupId>2</groupId><groupName>USER_ERRORS</groupName><id>10</id><name>EC_REJECTED</name>
			<permanent>true</permanent></error></result>
			<result><bulkId>bulk-2</bulkId><messageId>m-2</messageId><to>b@example.com</to>
			<status><groupId>1</groupId><groupName>PENDING</groupName><id>7</id></status></result>
			</results></reportResponse>
			""";

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	@Autowired
	private InfobipMailSender sender;

	@Autowired
	private MeterRegistry meterRegistry;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void relayProperties(DynamicPropertyRegistry registry) {
		for (String property : TestRelayProperties.relay(relay.port(), "STARTTLS")) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

	@AfterAll
	static void stopRelay() {
		relay.close();
	}

	@BeforeEach
	void reset() {
		this.events.clear();
	}

	@Test
	void jsonDeliveryReportIsPublishedWithTypedFields() throws Exception {
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json", DELIVERY_REPORT_JSON).statusCode())
			.isEqualTo(200);
		assertThat(this.events.reports).singleElement().satisfies((event) -> {
			DeliveryReport report = event.getReport();
			assertThat(report.messageId()).isEqualTo("9223372036854775808");
			assertThat(report.bulkId()).isEqualTo("bulk-1");
			assertThat(report.sentAt()).isEqualTo(OffsetDateTime.of(2019, 11, 9, 16, 0, 0, 0, ZoneOffset.UTC));
			assertThat(report.messageCount()).isEqualTo(1);
			assertThat(report.price().pricePerMessage()).isEqualTo(new BigDecimal("0.0012345678901234"));
			assertThat(report.status().group()).isEqualTo(DeliveryStatusGroup.DELIVERED);
			assertThat(report.status().name()).isEqualTo("DELIVERED_TO_HANDSET");
			assertThat(report.error().permanent()).isFalse();
			assertThat(report.callbackData()).isEqualTo("user-42");
		});
		assertThat(this.meterRegistry.get("infobip.smtp.webhook.delivery-reports")
			.tag("status_group", "delivered")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void xmlDeliveryReportPublishesOneEventPerResult() throws Exception {
		assertThat(post("/delivery-reports?token=s3cret-token", "application/xml", DELIVERY_REPORT_XML).statusCode())
			.isEqualTo(200);
		assertThat(this.events.reports).hasSize(2);
		DeliveryReport rejected = this.events.reports.get(0).getReport();
		assertThat(rejected.status().group()).isEqualTo(DeliveryStatusGroup.REJECTED);
		assertThat(rejected.messageCount()).isEqualTo(1);
		assertThat(rejected.error().permanent()).isTrue();
		assertThat(this.events.reports.get(1).getStatusGroup()).isEqualTo(DeliveryStatusGroup.PENDING);
		assertThat(this.events.reports.get(1).getReport().sentAt()).isNull();
	}

	@Test
	void trackingNotificationsOfEveryTypeArePublished() throws Exception {
		String[] types = { "OPENED", "CLICKED", "COMPLAINED", "LATE_BOUNCE", "UNSUBSCRIBED" };
		for (int i = 0; i < types.length; i++) {
			String body = """
					{"notificationType":"%s","eventId":"evt-%d","domain":"example.com","recipient":"user@example.com",
					"sender":"shop@example.com","url":"https://example.com/offer","sendDateTime":1573315200000,
					"messageId":12345678901234567890,"bulkId":"bulk-1","callbackData":"user-42",
					"recipientInfo":{"deviceType":"Phone","os":"Android","deviceName":"Pixel"},
					"geoLocation":{"countryName":"Croatia","city":"Zagreb"},"extra":true}
					""".formatted(types[i], i);
			assertThat(post("/tracking?token=s3cret-token", "application/json", body).statusCode()).isEqualTo(200);
		}
		assertThat(this.events.tracking).extracting(InfobipTrackingEvent::getType)
			.containsExactly(TrackingNotificationType.OPENED, TrackingNotificationType.CLICKED,
					TrackingNotificationType.COMPLAINED, TrackingNotificationType.LATE_BOUNCE,
					TrackingNotificationType.UNSUBSCRIBED);
		TrackingNotification first = this.events.tracking.get(0).getNotification();
		assertThat(first.messageId()).isEqualTo("12345678901234567890");
		assertThat(first.sendDateTime()).isEqualTo(Instant.ofEpochMilli(1573315200000L));
		assertThat(first.recipientInfo().os()).isEqualTo("Android");
		assertThat(first.geoLocation().city()).isEqualTo("Zagreb");
		for (String type : types) {
			assertThat(this.meterRegistry.get("infobip.smtp.webhook.tracking-events")
				.tag("type", type.toLowerCase(java.util.Locale.ROOT))
				.counter()
				.count()).as(type).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void trackingNotificationAsXmlIsPublished() throws Exception {
		String body = "<notification><notificationType>CLICKED</notificationType><eventId>x-1</eventId>"
				+ "<url>https://example.com/a</url><messageId>m-9</messageId></notification>";
		assertThat(post("/tracking?token=s3cret-token", "application/xml", body).statusCode()).isEqualTo(200);
		assertThat(this.events.tracking).singleElement().satisfies((event) -> {
			assertThat(event.getType()).isEqualTo(TrackingNotificationType.CLICKED);
			assertThat(event.getNotification().url()).isEqualTo("https://example.com/a");
		});
	}

	@Test
	void callsWithoutOrWithWrongTokenGet401WithoutDetail() throws Exception {
		HttpResponse<String> none = post("/delivery-reports", "application/json", DELIVERY_REPORT_JSON);
		HttpResponse<String> wrong = post("/tracking?token=guess", "application/json", "{}");
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(none.body()).isEmpty();
		assertThat(wrong.body()).isEmpty();
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void bodyOverTheLimitGets413() throws Exception {
		String large = "{\"results\":[],\"padding\":\"" + "x".repeat(5000) + "\"}";
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json", large).statusCode()).isEqualTo(413);
	}

	@Test
	void malformedBodiesGet400WithAShortReason() throws Exception {
		HttpResponse<String> json = post("/delivery-reports?token=s3cret-token", "application/json", "{not json");
		HttpResponse<String> xml = post("/delivery-reports?token=s3cret-token", "application/xml", "<a><b></a>");
		HttpResponse<String> entity = post("/delivery-reports?token=s3cret-token", "application/xml",
				"<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>");
		HttpResponse<String> noType = post("/tracking?token=s3cret-token", "application/json", "{\"eventId\":1}");
		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).isEqualTo("body is not valid JSON");
		assertThat(xml.statusCode()).isEqualTo(400);
		assertThat(entity.statusCode()).isEqualTo(400);
		assertThat(entity.body()).doesNotContain("root:");
		assertThat(noType.statusCode()).isEqualTo(400);
		assertThat(noType.body()).isEqualTo("no notificationType");
	}

	@Test
	void duplicatesArePublishedOnceAndAnswered200() throws Exception {
		String report = DELIVERY_REPORT_JSON.replace("9223372036854775808", "\"dup-1\"");
		String tracking = "{\"notificationType\":\"OPENED\",\"eventId\":\"dup-evt\"}";
		for (int i = 0; i < 2; i++) {
			assertThat(post("/delivery-reports?token=s3cret-token", "application/json", report).statusCode())
				.isEqualTo(200);
			assertThat(post("/tracking?token=s3cret-token", "application/json", tracking).statusCode()).isEqualTo(200);
		}
		assertThat(this.events.reports).hasSize(1);
		assertThat(this.events.tracking).hasSize(1);
	}

	@Test
	void listenerFailureGets500AndTheRetryIsPublishedAgain() throws Exception {
		this.events.failures.set(1);
		String report = DELIVERY_REPORT_JSON.replace("9223372036854775808", "\"retry-1\"");
		HttpResponse<String> failed = post("/delivery-reports?token=s3cret-token", "application/json", report);
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).doesNotContain("Exception");
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json", report).statusCode())
			.isEqualTo(200);
		assertThat(this.events.reports).hasSize(1);
	}

	@Test
	void sentMessagesCarryTheDerivedWebhookUrls() {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("shop@example.com");
		message.setTo("user@example.com");
		message.setText("Body");
		this.sender.send(message);
		String data = relay.received().get(relay.received().size() - 1).data();
		assertThat(data).contains(InfobipHeaders.NOTIFY_URL
				+ ": https://shop.example.com/infobip/smtp/delivery-reports?token=s3cret-token");
		assertThat(data).contains(
				InfobipHeaders.TRACKING_URL + ": https://shop.example.com/infobip/smtp/tracking?token=s3cret-token");
	}

	private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/infobip/smtp" + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebhookApplication {

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events {

		final List<InfobipDeliveryReportEvent> reports = new CopyOnWriteArrayList<>();

		final List<InfobipTrackingEvent> tracking = new CopyOnWriteArrayList<>();

		final AtomicInteger failures = new AtomicInteger();

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) {
			if (this.failures.getAndDecrement() > 0) {
				throw new IllegalStateException("listener failed");
			}
			this.reports.add(event);
		}

		@EventListener
		void onTracking(InfobipTrackingEvent event) {
			this.tracking.add(event);
		}

		void clear() {
			this.reports.clear();
			this.tracking.clear();
			this.failures.set(0);
		}

	}

}

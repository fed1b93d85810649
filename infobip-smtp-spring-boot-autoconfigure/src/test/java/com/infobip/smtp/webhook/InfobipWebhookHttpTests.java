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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
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
@ExtendWith(OutputCaptureExtension.class)
class InfobipWebhookHttpTests {

	static final SmtpTestRelay relay = TestRelays.start();

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

	@Autowired
	private ApplicationEventPublisher eventPublisher;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void relayProperties(DynamicPropertyRegistry registry) {
		TestRelayProperties.register(registry, relay.getPort(), "STARTTLS");
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
		assertThat(this.meterRegistry.get("infobip.smtp.webhook.delivery.reports")
			.tag("status.group", "delivered")
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
			assertThat(this.meterRegistry.get("infobip.smtp.webhook.tracking.events")
				.tag("type", type.toLowerCase(Locale.ROOT))
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
		String data = relay.getMessages().get(relay.getMessages().size() - 1).text();
		assertThat(data).contains(InfobipHeaders.NOTIFY_URL
				+ ": https://shop.example.com/infobip/smtp/delivery-reports?token=s3cret-token");
		assertThat(data).contains(
				InfobipHeaders.TRACKING_URL + ": https://shop.example.com/infobip/smtp/tracking?token=s3cret-token");
	}

	@Test
	void concurrentDuplicateIsPublishedOnceAndAnsweredOnlyAfterTheFirstSucceeded() throws Exception {
		String report = report("slow-1");
		this.events.slowDown("slow-1");
		CompletableFuture<HttpResponse<String>> first = postAsync("/delivery-reports?token=s3cret-token",
				"application/json", report);
		assertThat(this.events.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<HttpResponse<String>> second = postAsync("/delivery-reports?token=s3cret-token",
				"application/json", report);
		// the duplicate either reached a listener as well, or waits for the first outcome
		awaitUntil(() -> this.events.slowEntries.get() > 1 || aThreadWaitsForAnotherDelivery());
		assertThat(second).isNotDone();
		this.events.slowRelease.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(this.events.reports).extracting(InfobipDeliveryReportEvent::getMessageId).containsExactly("slow-1");
	}

	@Test
	void concurrentDuplicateOfAReportWhoseListenerFailedIsPublishedByTheWaitingCall() throws Exception {
		String report = report("slow-2");
		this.events.slowDown("slow-2");
		this.events.failures.set(1);
		CompletableFuture<HttpResponse<String>> first = postAsync("/delivery-reports?token=s3cret-token",
				"application/json", report);
		assertThat(this.events.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<HttpResponse<String>> second = postAsync("/delivery-reports?token=s3cret-token",
				"application/json", report);
		awaitUntil(() -> this.events.slowEntries.get() > 1 || aThreadWaitsForAnotherDelivery());
		this.events.slowRelease.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
		assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(this.events.reports).extracting(InfobipDeliveryReportEvent::getMessageId).containsExactly("slow-2");
	}

	@Test
	void eventsPublishedByTheApplicationItselfAreNotCounted() {
		double before = count("infobip.smtp.webhook.delivery.reports", "status.group", "expired");
		DeliveryReport report = new DeliveryReport(null, "own-1", null, null, null, null, null,
				new DeliveryReport.Status(DeliveryStatusGroup.EXPIRED, 4, "EXPIRED", 15, null, null, null), null, null);
		this.eventPublisher.publishEvent(new InfobipDeliveryReportEvent(this, report));
		assertThat(this.events.reports).hasSize(1);
		assertThat(count("infobip.smtp.webhook.delivery.reports", "status.group", "expired")).isEqualTo(before);
	}

	@Test
	void failedAttemptsAndDuplicatesAreNotCountedAgain() throws Exception {
		double reportsBefore = count("infobip.smtp.webhook.delivery.reports", "status.group", "undeliverable");
		double eventsBefore = count("infobip.smtp.webhook.tracking.events", "type", "complained");
		String report = DELIVERY_REPORT_JSON.replace("9223372036854775808", "\"counted-1\"")
			.replace("\"groupId\":3,\"groupName\":\"DELIVERED\"", "\"groupId\":2,\"groupName\":\"UNDELIVERABLE\"");
		this.events.failures.set(1);
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json", report).statusCode())
			.isEqualTo(500);
		for (int i = 0; i < 2; i++) {
			assertThat(post("/delivery-reports?token=s3cret-token", "application/json", report).statusCode())
				.isEqualTo(200);
			assertThat(post("/tracking?token=s3cret-token", "application/json",
					"{\"notificationType\":\"COMPLAINED\",\"eventId\":\"counted-evt\"}")
				.statusCode()).isEqualTo(200);
		}
		assertThat(count("infobip.smtp.webhook.delivery.reports", "status.group", "undeliverable"))
			.isEqualTo(reportsBefore + 1);
		assertThat(count("infobip.smtp.webhook.tracking.events", "type", "complained")).isEqualTo(eventsBefore + 1);
	}

	@Test
	void reportsWithoutIdsAreNeverTakenForDuplicates() throws Exception {
		String reports = """
				{"results":[{"to":"a@example.com","status":{"groupName":"DELIVERED","id":5}},
				{"to":"b@example.com","bulkId":"other-bulk","status":{"groupName":"DELIVERED","id":5}}]}
				""";
		String opened = "{\"notificationType\":\"OPENED\",\"recipient\":\"a@example.com\"}";
		for (int i = 0; i < 2; i++) {
			assertThat(post("/delivery-reports?token=s3cret-token", "application/json", reports).statusCode())
				.isEqualTo(200);
			assertThat(post("/tracking?token=s3cret-token", "application/json", opened).statusCode()).isEqualTo(200);
		}
		assertThat(this.events.reports).extracting((event) -> event.getReport().to())
			.containsExactly("a@example.com", "b@example.com", "a@example.com", "b@example.com");
		assertThat(this.events.tracking).hasSize(2);
	}

	@Test
	void reportsForEachRecipientOfOneQueuedMessageArePublished() throws Exception {
		String reports = """
				{"results":[{"messageId":"queued-1","to":"a@example.com","status":{"groupName":"DELIVERED","id":5}},
				{"messageId":"queued-1","to":"b@example.com","status":{"groupName":"DELIVERED","id":5}}]}
				""";
		for (int i = 0; i < 2; i++) {
			assertThat(post("/delivery-reports?token=s3cret-token", "application/json", reports).statusCode())
				.isEqualTo(200);
		}
		assertThat(this.events.reports).extracting((event) -> event.getReport().to())
			.containsExactly("a@example.com", "b@example.com");
	}

	@Test
	void tokenInAFormEncodedBodyIsNotACredential() throws Exception {
		HttpResponse<String> form = post("/delivery-reports", "application/x-www-form-urlencoded",
				"token=s3cret-token");
		assertThat(form.statusCode()).isEqualTo(401);
		assertThat(post("/delivery-reports?token=s3cret%2Dtoken", "application/json", report("encoded-token-1"))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void wildcardUnknownAndMalformedContentTypesGet415() throws Exception {
		for (String contentType : List.of("*/*", "application/*", "garbage", "text/plain", "application/",
				"application/xhtml+xml")) {
			HttpResponse<String> response = post("/delivery-reports?token=s3cret-token", contentType,
					report("refused-1"));
			assertThat(response.statusCode()).as(contentType).isEqualTo(415);
			assertThat(response.body()).as(contentType).isEmpty();
		}
		assertThat(post("/delivery-reports?token=s3cret-token", null, report("no-type-1")).statusCode()).isEqualTo(200);
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json; charset=UTF-8", report("charset-1"))
			.statusCode()).isEqualTo(200);
		assertThat(post("/delivery-reports?token=s3cret-token", "text/xml",
				DELIVERY_REPORT_XML.replace("m-1", "text-xml-1").replace("m-2", "text-xml-2"))
			.statusCode()).isEqualTo(200);
		assertThat(this.events.reports).extracting(InfobipDeliveryReportEvent::getMessageId)
			.containsExactly("no-type-1", "charset-1", "text-xml-1", "text-xml-2");
	}

	@Test
	void numbersAreKeptAsWrittenAndNeverExpanded() throws Exception {
		String bomb = "{\"results\":[{\"messageId\":1e100000000,\"price\":{\"pricePerMessage\":1e100000000},"
				+ "\"status\":{\"groupName\":\"DELIVERED\"}},{\"messageId\":1e2147483647},{\"messageId\":-0.5E-7}]}";
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json", bomb).statusCode()).isEqualTo(200);
		assertThat(this.events.reports).extracting(InfobipDeliveryReportEvent::getMessageId)
			.containsExactly("1e100000000", "1e2147483647", "-0.5E-7");
		assertThat(this.events.reports.get(0).getReport().price().pricePerMessage()).isNull();
	}

	@Test
	void numbersLongerThan64CharactersGet400() throws Exception {
		String digits64 = "1234567890".repeat(6) + "1234";
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json",
				"{\"results\":[{\"messageId\":" + digits64 + "}]}")
			.statusCode()).isEqualTo(200);
		assertThat(this.events.reports.get(0).getMessageId()).isEqualTo(digits64);
		for (String number : List.of(digits64 + "5", "1." + digits64, "9".repeat(2000))) {
			HttpResponse<String> response = post("/delivery-reports?token=s3cret-token", "application/json",
					"{\"results\":[{\"messageId\":" + number + "}]}");
			assertThat(response.statusCode()).as(number).isEqualTo(400);
		}
		assertThat(this.events.reports).hasSize(1);
	}

	@Test
	void deeplyNestedJsonGets400() throws Exception {
		for (int depth : List.of(40, 2000)) {
			String deep = "{\"results\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
			HttpResponse<String> response = post("/delivery-reports?token=s3cret-token", "application/json", deep);
			assertThat(response.statusCode()).as("depth %d", depth).isEqualTo(400);
			assertThat(response.body()).as("depth %d", depth).isEqualTo("body is nested too deeply");
		}
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void duplicateJsonKeysAtAnyDepthGet400AndNothingIsPublished() throws Exception {
		List<String> reports = List.of("{\"results\":[],\"results\":[{\"messageId\":\"dup-key-1\"}]}",
				"{\"results\":[{\"messageId\":\"dup-key-2\",\"messageId\":\"dup-key-3\"}]}",
				"{\"results\":[{\"messageId\":\"dup-key-4\",\"status\":{\"groupName\":\"DELIVERED\","
						+ "\"groupName\":\"REJECTED\"}}]}",
				"{\"results\":[{\"messageId\":\"dup-key-5\",\"unknownField\":{\"a\":[{\"b\":1,\"b\":2}]}}]}",
				"{\"results\":[{\"messageId\":\"dup-key-6\",\"price\":{},\"price\":null}]}");
		for (String body : reports) {
			HttpResponse<String> response = post("/delivery-reports?token=s3cret-token", "application/json", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.body()).as(body).isEqualTo("body has a duplicate key");
		}
		HttpResponse<String> tracking = post("/tracking?token=s3cret-token", "application/json",
				"{\"notificationType\":\"OPENED\",\"eventId\":\"dup-evt-1\",\"eventId\":\"dup-evt-2\"}");
		assertThat(tracking.statusCode()).isEqualTo(400);
		assertThat(tracking.body()).isEqualTo("body has a duplicate key");
		assertThat(this.events.reports).isEmpty();
		assertThat(this.events.tracking).isEmpty();
	}

	@Test
	void repeatedXmlElementsWhereOneValueIsExpectedGet400AndNothingIsPublished() throws Exception {
		Map<String, String> reports = Map.of("messageId",
				"<result><messageId>rep-1</messageId><messageId>rep-2</messageId></result>", "groupName",
				"<result><messageId>rep-3</messageId><status><groupName>DELIVERED</groupName>"
						+ "<groupName>REJECTED</groupName></status></result>",
				"status", "<result><messageId>rep-4</messageId><status><groupName>DELIVERED</groupName></status>"
						+ "<status><groupName>REJECTED</groupName></status></result>");
		for (Map.Entry<String, String> report : reports.entrySet()) {
			HttpResponse<String> response = post("/delivery-reports?token=s3cret-token", "application/xml",
					"<reportResponse><results>" + report.getValue() + "</results></reportResponse>");
			assertThat(response.statusCode()).as(report.getKey()).isEqualTo(400);
			assertThat(response.body()).as(report.getKey()).isEqualTo("element " + report.getKey() + " is repeated");
		}
		HttpResponse<String> results = post("/delivery-reports?token=s3cret-token", "application/xml",
				"<reportResponse><results><result><messageId>rep-5</messageId></result></results>"
						+ "<results><result><messageId>rep-6</messageId></result></results></reportResponse>");
		assertThat(results.statusCode()).isEqualTo(400);
		assertThat(results.body()).isEqualTo("element results is repeated");
		HttpResponse<String> tracking = post("/tracking?token=s3cret-token", "application/xml",
				"<notification><notificationType>OPENED</notificationType><eventId>rep-evt</eventId>"
						+ "<messageId>rep-7</messageId><messageId>rep-8</messageId></notification>");
		assertThat(tracking.statusCode()).isEqualTo(400);
		assertThat(tracking.body()).isEqualTo("element messageId is repeated");
		assertThat(this.events.reports).isEmpty();
		assertThat(this.events.tracking).isEmpty();
	}

	@Test
	void repeatedXmlElementsOfUnknownFieldsAreIgnored() throws Exception {
		String body = "<reportResponse><results><result><messageId>rep-ok</messageId>"
				+ "<tags><tag>a</tag><tag>b</tag></tags><note>x</note><note>y</note></result></results></reportResponse>";
		assertThat(post("/delivery-reports?token=s3cret-token", "application/xml", body).statusCode()).isEqualTo(200);
		assertThat(this.events.reports).extracting(InfobipDeliveryReportEvent::getMessageId).containsExactly("rep-ok");
	}

	@Test
	void xmlWithADoctypeGets400EvenWithoutEntities() throws Exception {
		HttpResponse<String> response = post("/delivery-reports?token=s3cret-token", "application/xml",
				"<!DOCTYPE reportResponse><reportResponse><results><result><messageId>dtd-1</messageId></result>"
						+ "</results></reportResponse>");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void bodiesNested32LevelsDeepAreReadAndDeeperOnesGet400() throws Exception {
		// JSON: the object and 31 arrays in it
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json",
				"{\"results\":" + "[".repeat(31) + "]".repeat(31) + "}")
			.statusCode()).isEqualTo(200);
		HttpResponse<String> json = post("/delivery-reports?token=s3cret-token", "application/json",
				"{\"results\":" + "[".repeat(32) + "]".repeat(32) + "}");
		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).isEqualTo("body is nested too deeply");
		// XML: 32 elements, the root element included
		HttpResponse<String> xml = post("/delivery-reports?token=s3cret-token", "application/xml",
				"<a>".repeat(32) + "</a>".repeat(32));
		assertThat(xml.statusCode()).isEqualTo(400);
		assertThat(xml.body()).isEqualTo("no results");
		HttpResponse<String> deeperXml = post("/delivery-reports?token=s3cret-token", "application/xml",
				"<a>".repeat(33) + "</a>".repeat(33));
		assertThat(deeperXml.statusCode()).isEqualTo(400);
		assertThat(deeperXml.body()).isEqualTo("body is nested too deeply");
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void xmlTextIsTrimmedAndAnElementWithoutTextIsNull() throws Exception {
		String body = "<reportResponse><results><result><messageId>\n  trimmed-1\n</messageId><to> </to>"
				+ "<callbackData/><status><groupName> DELIVERED </groupName></status></result></results>"
				+ "</reportResponse>";
		assertThat(post("/delivery-reports?token=s3cret-token", "application/xml", body).statusCode()).isEqualTo(200);
		assertThat(this.events.reports).singleElement().satisfies((event) -> {
			assertThat(event.getMessageId()).isEqualTo("trimmed-1");
			assertThat(event.getReport().to()).isNull();
			assertThat(event.getReport().callbackData()).isNull();
			assertThat(event.getReport().status().name()).isNull();
			assertThat(event.getStatusGroup()).isEqualTo(DeliveryStatusGroup.DELIVERED);
		});
	}

	@Test
	void otherMethodsAndPathsAreNotServedAndNotLogged(CapturedOutput output) throws Exception {
		// the first request initializes the DispatcherServlet, which logs
		post("/delivery-reports?token=s3cret-token", "application/json", "{}");
		int start = output.length();
		for (String method : List.of("GET", "PUT", "DELETE")) {
			HttpRequest request = HttpRequest
				.newBuilder(URI
					.create("http://localhost:" + this.port + "/infobip/smtp/delivery-reports?token=s3cret-token"))
				.method(method, HttpRequest.BodyPublishers.ofString(report("method-1")))
				.header("Content-Type", "application/json")
				.build();
			assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).as(method)
				.isIn(404, 405);
		}
		assertThat(post("/other?token=s3cret-token", "application/json", report("path-1")).statusCode()).isEqualTo(404);
		assertThat(post("/delivery-reports/more?token=s3cret-token", "application/json", report("path-2")).statusCode())
			.isEqualTo(404);
		String logged = output.toString().substring(start);
		assertThat(logged).doesNotContain("s3cret-token").doesNotContain("\tat ");
		assertThat(logged.lines().filter((line) -> line.matches(".*\\b(INFO|WARN|ERROR)\\b.*"))).isEmpty();
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void badInputIsAnsweredWithoutLogging(CapturedOutput output) throws Exception {
		// the first request initializes the DispatcherServlet, which logs
		post("/delivery-reports?token=s3cret-token", "application/json", "{}");
		int start = output.length();
		post("/delivery-reports?token=s3cret-token", "*/*", DELIVERY_REPORT_JSON);
		post("/delivery-reports?token=s3cret-token", "garbage", DELIVERY_REPORT_JSON);
		post("/delivery-reports?token=s3cret-token", "application/json", "{not json");
		post("/delivery-reports?token=s3cret-token", "application/xml", "<a><b></a>");
		post("/delivery-reports?token=s3cret-token", "application/xml",
				"<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>");
		post("/delivery-reports?token=s3cret-token", "application/json", "{\"results\":{\"x\":null}}");
		post("/delivery-reports?token=s3cret-token", "application/json", "{\"results\":" + "[".repeat(2000));
		post("/delivery-reports?token=s3cret-token", "application/json",
				"{\"results\":[{\"messageId\":" + "9".repeat(100) + "}]}");
		post("/delivery-reports?token=s3cret-token", "application/json", "x".repeat(5000));
		post("/delivery-reports?token=s3cret-token", "application/json", "{\"results\":[],\"results\":[]}");
		post("/delivery-reports?token=s3cret-token", "application/xml",
				"<r><results><result><to>a</to><to>b</to></result></results></r>");
		post("/delivery-reports?token=wrong", "application/json", DELIVERY_REPORT_JSON);
		post("/tracking", "application/x-www-form-urlencoded", "token=s3cret-token");
		String logged = output.toString().substring(start);
		assertThat(logged).doesNotContain("s3cret-token").doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(logged.lines().filter((line) -> line.matches(".*\\b(INFO|WARN|ERROR)\\b.*"))).isEmpty();
	}

	@Test
	void listenerFailureIsLoggedWithoutRequestData(CapturedOutput output) throws Exception {
		this.events.failures.set(1);
		int start = output.length();
		assertThat(post("/delivery-reports?token=s3cret-token", "application/json", report("logged-1")).statusCode())
			.isEqualTo(500);
		String logged = output.toString().substring(start);
		assertThat(logged).contains("ERROR").contains("listener failed").doesNotContain("s3cret-token");
	}

	private static String report(String messageId) {
		return DELIVERY_REPORT_JSON.replace("9223372036854775808", "\"" + messageId + "\"");
	}

	private HttpResponse<String> post(String path, @Nullable String contentType, String body) throws Exception {
		return this.http.send(request(path, contentType, body), HttpResponse.BodyHandlers.ofString());
	}

	private CompletableFuture<HttpResponse<String>> postAsync(String path, String contentType, String body) {
		return this.http.sendAsync(request(path, contentType, body), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path, @Nullable String contentType, String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/infobip/smtp" + path))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return request.build();
	}

	private double count(String name, String tag, String value) {
		Counter counter = this.meterRegistry.find(name).tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static boolean aThreadWaitsForAnotherDelivery() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.anyMatch(
					(thread) -> thread.getKey().getState() != Thread.State.RUNNABLE && Arrays.stream(thread.getValue())
						.anyMatch((frame) -> frame.getClassName().equals(SeenReports.class.getName())));
	}

	private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10s").isLessThan(deadline);
			Thread.sleep(5);
		}
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

		final AtomicInteger slowEntries = new AtomicInteger();

		volatile @Nullable String slowMessageId;

		volatile CountDownLatch slowEntered = new CountDownLatch(1);

		volatile CountDownLatch slowRelease = new CountDownLatch(0);

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) throws InterruptedException {
			if (event.getMessageId() != null && event.getMessageId().equals(this.slowMessageId)) {
				this.slowEntries.incrementAndGet();
				this.slowEntered.countDown();
				this.slowRelease.await(10, TimeUnit.SECONDS);
			}
			if (this.failures.getAndDecrement() > 0) {
				throw new IllegalStateException("listener failed");
			}
			this.reports.add(event);
		}

		void slowDown(String messageId) {
			this.slowEntered = new CountDownLatch(1);
			this.slowRelease = new CountDownLatch(1);
			this.slowMessageId = messageId;
		}

		@EventListener
		void onTracking(InfobipTrackingEvent event) {
			this.tracking.add(event);
		}

		void clear() {
			this.reports.clear();
			this.tracking.clear();
			this.failures.set(0);
			this.slowEntries.set(0);
			this.slowMessageId = null;
			this.slowRelease.countDown();
		}

	}

}

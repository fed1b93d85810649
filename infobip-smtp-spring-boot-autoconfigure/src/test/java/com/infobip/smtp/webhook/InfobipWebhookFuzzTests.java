/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed bodies over real HTTP: every answer is 2xx or 4xx, no request
 * allocates more than a bounded amount of memory, and nothing is logged for them.
 */
@SpringBootTest(classes = InfobipWebhookFuzzTests.FuzzApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infobip.smtp.api-key=k", "infobip.smtp.webhook.enabled=true",
				"infobip.smtp.webhook.token=fuzz-token", "infobip.smtp.webhook.max-body-size=64KB" })
@ExtendWith(OutputCaptureExtension.class)
class InfobipWebhookFuzzTests {

	// far above what a 64 KB body needs, far below a number expanded to its digits
	private static final long MAX_ALLOCATION_PER_REQUEST = 32L * 1024 * 1024;

	private static final String[] FIELDS = { "results", "result", "reportResponse", "messageId", "bulkId", "to",
			"sentAt", "doneAt", "messageCount", "smsCount", "price", "pricePerMessage", "currency", "status", "groupId",
			"groupName", "id", "name", "description", "action", "error", "permanent", "callbackData",
			"notificationType", "eventId", "domain", "recipient", "sender", "url", "sendDateTime", "recipientInfo",
			"deviceType", "os", "deviceName", "geoLocation", "countryName", "city" };

	private static final List<String> REPORT_FIELDS = List.of("messageId", "bulkId", "to", "sentAt", "doneAt",
			"messageCount", "smsCount", "price", "status", "error", "callbackData");

	private static final List<String> TRACKING_FIELDS = List.of("notificationType", "eventId", "domain", "recipient",
			"sender", "url", "sendDateTime", "messageId", "bulkId", "callbackData", "recipientInfo", "geoLocation");

	private static final String[] NUMBERS = { "0", "-0", "1", "-1", "3", "9223372036854775808", "12345678901234567890",
			"0.0012345678901234", "1e100000000", "1e2147483647", "1E-2147483648", "-1e999", "1e1000000", "2.5e-7",
			"4.9e-324", "1.7976931348623157e308", "1" + "0".repeat(63) };

	// too long or not JSON: each makes the body a 400
	private static final String[] BAD_NUMBERS = { "1" + "0".repeat(64), "9".repeat(2000), "00", "1.", ".5", "+1",
			"0x10", "NaN", "Infinity", "1e", "--1" };

	private static final String[] STRINGS = { "", " ", "DELIVERED", "delivered", "OPENED", "CLICKED", "LATE_BOUNCE",
			"3", "x", "2019-11-09T16:00:00.000+0000", "2019-11-09T16:00:00Z", "2019-13-45T99:99:99.000+9999",
			"1573315200000", "-9223372036854775809", "1e100000000", "true", "null", "Zagreb", "Ж", "日本語", "😀",
			"\u202Eevil", "a\u0000b", "line\nbreak", "https://example.com/?a=1&b=<2>", "&amp;", "]]>", "<![CDATA[" };

	private static final String[] CONTENT_TYPES = { "application/json", "application/xml", "text/xml",
			"application/json; charset=UTF-8", "application/xml; charset=ISO-8859-1", "*/*", "application/*", "garbage",
			"text/plain", "application/json;", "application/x-www-form-urlencoded" };

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Random random = new Random(20261125L);

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	@Test
	void deeplyNestedXmlGets400(CapturedOutput output) throws Exception {
		String deep = "<a>".repeat(3850) + "</a>".repeat(3850);
		assertThat(deep.length()).isGreaterThan(26_000);
		HttpResponse<String> response = post("/delivery-reports", "application/xml",
				deep.getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("body is nested too deeply");
		assertThat(output.toString()).doesNotContain("\tat ").doesNotContain("StackOverflowError");
	}

	@Test
	void deeplyNestedJsonGets400() throws Exception {
		String deep = "{\"results\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
		HttpResponse<String> response = post("/delivery-reports", "application/json",
				deep.getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("body is nested too deeply");
	}

	@Test
	void fuzzedBodiesAreAnswered2xxOr4xxWithinBoundedMemoryAndWithoutLogging(CapturedOutput output) throws Exception {
		assertThat(this.threads.isThreadAllocatedMemoryEnabled()).isTrue();
		// the first request initializes the DispatcherServlet, which logs
		post("/tracking", "application/json", "{\"notificationType\":\"OPENED\"}".getBytes(StandardCharsets.UTF_8));
		int start = output.length();
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 400 && failures.size() < 5; i++) {
			boolean xml = this.random.nextBoolean();
			boolean tracking = this.random.nextBoolean();
			byte[] body = mutate(xml ? xmlBody(tracking) : jsonBody(tracking));
			String contentType = (this.random.nextInt(8) == 0) ? pick(CONTENT_TYPES)
					: (xml ? "application/xml" : "application/json");
			String endpoint = tracking ? "/tracking" : "/delivery-reports";
			long allocatedBefore = allocatedBytes();
			HttpResponse<String> response = post(endpoint, contentType, body);
			long allocated = allocatedBytes() - allocatedBefore;
			int status = response.statusCode();
			if ((status < 200 || status >= 300) && (status < 400 || status >= 500)) {
				failures.add("#" + i + " answered " + status + ": " + describe(body));
			}
			if (allocated > MAX_ALLOCATION_PER_REQUEST) {
				failures.add("#" + i + " allocated " + (allocated >> 20) + " MB: " + describe(body));
			}
		}
		assertThat(failures).isEmpty();
		String logged = output.toString().substring(start);
		assertThat(logged).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("fuzz-token");
		assertThat(logged.lines().filter((line) -> line.matches(".*\\b(WARN|ERROR)\\b.*"))).isEmpty();
	}

	private byte[] jsonBody(boolean tracking) {
		String body = switch (this.random.nextInt(6)) {
			case 0, 1 -> tracking ? jsonObject(TRACKING_FIELDS, "\"OPENED\"")
					: "{\"results\":[" + jsonObject(REPORT_FIELDS, null) + "," + jsonObject(REPORT_FIELDS, null) + "]}";
			case 2 -> "{\"results\":" + json(1) + "}";
			case 3 -> deepJson();
			default -> json(0);
		};
		return body.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * An object with some of the given fields, each of any type; the first one is always
	 * there and usually has the given value, if any.
	 */
	private String jsonObject(List<String> fields, @Nullable String first) {
		StringBuilder object = new StringBuilder("{");
		for (int i = 0; i < fields.size(); i++) {
			boolean typed = (i == 0 && first != null);
			if (typed || this.random.nextInt(3) > 0) {
				String value = (typed && this.random.nextInt(4) > 0) ? first : json(2);
				object.append((object.length() > 1) ? "," : "").append('"').append(fields.get(i)).append("\":");
				object.append(value);
			}
		}
		return object.append('}').toString();
	}

	private String json(int depth) {
		int kind = this.random.nextInt((depth > 5) ? 5 : 8);
		return switch (kind) {
			case 0 -> (this.random.nextInt(10) > 0) ? pick(NUMBERS) : pick(BAD_NUMBERS);
			case 1 -> (this.random.nextBoolean() ? "true" : "false");
			case 2 -> "null";
			case 3, 4 -> jsonString();
			case 5 -> {
				StringBuilder array = new StringBuilder("[");
				for (int i = this.random.nextInt(4); i > 0; i--) {
					array.append(json(depth + 1)).append((i > 1) ? "," : "");
				}
				yield array.append(']').toString();
			}
			default -> {
				StringBuilder object = new StringBuilder("{");
				for (int i = this.random.nextInt(6); i > 0; i--) {
					object.append('"').append(pick(FIELDS)).append("\":").append(json(depth + 1));
					object.append((i > 1) ? "," : "");
				}
				yield object.append('}').toString();
			}
		};
	}

	private String jsonString() {
		String text = pick(STRINGS);
		StringBuilder escaped = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		if (this.random.nextInt(10) == 0) {
			escaped.append("\\uD800");
		}
		return escaped.append('"').toString();
	}

	private String deepJson() {
		boolean arrays = this.random.nextBoolean();
		int depth = 20 + this.random.nextInt(arrays ? 30_000 : 5_000);
		String open = arrays ? "[" : "{\"status\":";
		String close = arrays ? "]" : "}";
		return "{\"results\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
	}

	private byte[] xmlBody(boolean tracking) {
		String body = switch (this.random.nextInt(7)) {
			case 0, 4 -> tracking
					? "<notification><notificationType>CLICKED</notificationType>" + xml(pick(FIELDS), 2)
							+ xml(pick(FIELDS), 2) + "</notification>"
					: "<reportResponse><results>" + xml("result", 2) + xml("result", 2) + "</results></reportResponse>";
			case 1 -> {
				int depth = 20 + this.random.nextInt(9_000);
				yield "<a>".repeat(depth) + "x" + "</a>".repeat(depth);
			}
			case 2 -> "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
					+ "<lolz>&lol2;</lolz>";
			case 3 -> "<notification xmlns:ib=\"urn:x\"><ib:notificationType>OPENED</ib:notificationType>"
					+ "<!-- c --><?pi x?><eventId><![CDATA[" + pick(STRINGS) + "]]></eventId></notification>";
			default -> xml(pick(FIELDS), 0);
		};
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private String xml(String name, int depth) {
		StringBuilder element = new StringBuilder("<").append(name);
		if (this.random.nextInt(5) == 0) {
			element.append(" id=\"").append(this.random.nextInt()).append('"');
		}
		element.append('>');
		if (depth > 5 || this.random.nextInt(3) == 0) {
			String text = pick(switch (this.random.nextInt(4)) {
				case 0 -> NUMBERS;
				case 1 -> BAD_NUMBERS;
				default -> STRINGS;
			});
			element.append(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u0000", ""));
		}
		else {
			for (int i = this.random.nextInt(5); i > 0; i--) {
				element.append(xml(pick(FIELDS), depth + 1));
			}
		}
		return element.append("</").append(name).append('>').toString();
	}

	private byte[] mutate(byte[] body) {
		int mutation = this.random.nextInt(10);
		if (body.length == 0 || mutation > 2) {
			return body;
		}
		byte[] mutated = body.clone();
		return switch (mutation) {
			case 0 -> Arrays.copyOf(mutated, this.random.nextInt(body.length));
			case 1 -> {
				mutated[this.random.nextInt(body.length)] = (byte) this.random.nextInt(256);
				yield mutated;
			}
			case 2 -> {
				mutated[this.random.nextInt(body.length)] = "{}[]<>\",:&;"
					.getBytes(StandardCharsets.US_ASCII)[this.random.nextInt(11)];
				yield mutated;
			}
			default -> ("[" + new String(body, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
		};
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

	private long allocatedBytes() {
		long total = 0;
		for (long bytes : this.threads.getThreadAllocatedBytes(this.threads.getAllThreadIds())) {
			total += Math.max(bytes, 0);
		}
		return total;
	}

	private static String describe(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		return (text.length() > 300) ? text.substring(0, 300) + "… (" + body.length + " bytes)" : text;
	}

	private HttpResponse<String> post(String endpoint, String contentType, byte[] body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/infobip/smtp" + endpoint + "?token=fuzz-token"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FuzzApplication {

		@Bean
		EventReader eventReader() {
			return new EventReader();
		}

	}

	/**
	 * Reads every field of what is published, as an application would.
	 */
	static class EventReader {

		final AtomicInteger published = new AtomicInteger();

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) {
			assertThat(event.toString()).isNotEmpty();
			assertThat(event.getReport().toString()).isNotEmpty();
			this.published.incrementAndGet();
		}

		@EventListener
		void onTracking(InfobipTrackingEvent event) {
			assertThat(event.toString()).isNotEmpty();
			assertThat(event.getNotification().toString()).isNotEmpty();
			this.published.incrementAndGet();
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds on one webhook call, over real HTTP: how many reports it may carry and how
 * long its body may take to arrive.
 */
@SpringBootTest(classes = InfobipWebhookBoundsTests.BoundsApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infobip.smtp.api-key=k", "infobip.smtp.webhook.enabled=true",
				"infobip.smtp.webhook.token=bounds-token", "infobip.smtp.webhook.max-body-size=64KB",
				"infobip.smtp.webhook.max-results-per-request=" + InfobipWebhookBoundsTests.MAX_RESULTS,
				"infobip.smtp.webhook.deduplication-capacity=" + InfobipWebhookBoundsTests.MAX_RESULTS })
@ExtendWith(OutputCaptureExtension.class)
class InfobipWebhookBoundsTests {

	static final int MAX_RESULTS = 50;

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void reset() {
		this.events.clear();
	}

	@Test
	void moreResultsThanTheLimitGet413AndNoneIsPublished() throws Exception {
		HttpResponse<String> over = post("/delivery-reports", "application/json", results("over", MAX_RESULTS + 1));
		assertThat(over.statusCode()).isEqualTo(413);
		assertThat(over.body()).isEqualTo("more than " + MAX_RESULTS + " results");
		assertThat(this.events.reports).isEmpty();
		assertThat(post("/delivery-reports", "application/json", results("at", MAX_RESULTS)).statusCode())
			.isEqualTo(200);
		assertThat(this.events.reports).hasSize(MAX_RESULTS);
	}

	@Test
	void moreXmlResultsThanTheLimitGet413AndNoneIsPublished() throws Exception {
		String xml = IntStream.range(0, MAX_RESULTS + 1)
			.mapToObj((i) -> "<result><messageId>xml-over-" + i + "</messageId></result>")
			.collect(Collectors.joining("", "<reportResponse><results>", "</results></reportResponse>"));
		assertThat(post("/delivery-reports", "application/xml", xml).statusCode()).isEqualTo(413);
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void resultsOverTheLimitAreAnsweredWithoutLogging(CapturedOutput output) throws Exception {
		// the first request initializes the DispatcherServlet, which logs
		post("/tracking", "application/json", "{\"notificationType\":\"OPENED\"}");
		int start = output.length();
		assertThat(post("/delivery-reports", "application/json", results("quiet", MAX_RESULTS + 1)).statusCode())
			.isEqualTo(413);
		String logged = output.toString().substring(start);
		assertThat(logged).doesNotContain("bounds-token").doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(logged.lines().filter((line) -> line.matches(".*\\b(INFO|WARN|ERROR)\\b.*"))).isEmpty();
	}

	@Test
	void oneCallAtTheLimitDoesNotMakeTheMemoryForgetAReportPublishedBeforeIt() throws Exception {
		assertThat(post("/delivery-reports", "application/json", results("early", 1)).statusCode()).isEqualTo(200);
		assertThat(post("/delivery-reports", "application/json", results("flood", MAX_RESULTS)).statusCode())
			.isEqualTo(200);
		assertThat(post("/delivery-reports", "application/json", results("early", 1)).statusCode()).isEqualTo(200);
		assertThat(this.events.messageIds()).filteredOn("early-0"::equals).hasSize(1);
		assertThat(this.events.reports).hasSize(1 + MAX_RESULTS);
	}

	@Test
	void answeringDuplicatesDoesNotMakeTheMemoryForgetAReportSooner() throws Exception {
		// the memory then holds these reports and, at most, one published before them
		assertThat(post("/delivery-reports", "application/json", results("older", MAX_RESULTS)).statusCode())
			.isEqualTo(200);
		assertThat(post("/delivery-reports", "application/json", results("report", 1)).statusCode()).isEqualTo(200);
		String duplicates = IntStream.range(1, MAX_RESULTS)
			.mapToObj((i) -> "{\"messageId\":\"older-" + i + "\",\"status\":{\"groupName\":\"DELIVERED\"}}")
			.collect(Collectors.joining(",", "{\"results\":[", "]}"));
		assertThat(post("/delivery-reports", "application/json", duplicates).statusCode()).isEqualTo(200);
		assertThat(post("/delivery-reports", "application/json", results("newer", 1)).statusCode()).isEqualTo(200);
		assertThat(post("/delivery-reports", "application/json", results("report", 1)).statusCode()).isEqualTo(200);
		assertThat(this.events.messageIds()).filteredOn("report-0"::equals).hasSize(1);
	}

	/**
	 * A delivery-report body with {@code count} results of distinct message ids.
	 */
	static String results(String prefix, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "{\"messageId\":\"" + prefix + "-" + i + "\",\"status\":{\"groupName\":\"DELIVERED\"}}")
			.collect(Collectors.joining(",", "{\"results\":[", "]}"));
	}

	private HttpResponse<String> post(String endpoint, String contentType, String body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + "/infobip/smtp" + endpoint + "?token=bounds-token"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BoundsApplication {

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events {

		final List<InfobipDeliveryReportEvent> reports = new CopyOnWriteArrayList<>();

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) {
			this.reports.add(event);
		}

		List<String> messageIds() {
			return this.reports.stream().map(InfobipDeliveryReportEvent::getMessageId).toList();
		}

		void clear() {
			this.reports.clear();
		}

	}

}

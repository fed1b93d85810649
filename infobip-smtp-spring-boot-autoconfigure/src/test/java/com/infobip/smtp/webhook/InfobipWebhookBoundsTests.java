/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.servlet.Filter;
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
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds on one webhook call, over real HTTP: how many reports it may carry and how
 * long its body may take to arrive. The server has a single request thread, so that a
 * call that held it would keep every other call waiting. The tracking endpoint sits
 * behind a filter without async support, as some applications' filters are.
 */
@SpringBootTest(classes = InfobipWebhookBoundsTests.BoundsApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infobip.smtp.api-key=k", "infobip.smtp.webhook.enabled=true",
				"infobip.smtp.webhook.token=bounds-token", "infobip.smtp.webhook.max-body-size=64KB",
				"infobip.smtp.webhook.max-results-per-request=" + InfobipWebhookBoundsTests.MAX_RESULTS,
				"infobip.smtp.webhook.deduplication-capacity=" + InfobipWebhookBoundsTests.MAX_RESULTS,
				"infobip.smtp.webhook.body-read-timeout=" + InfobipWebhookBoundsTests.READ_TIMEOUT_MILLIS + "ms",
				"server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
@ExtendWith(OutputCaptureExtension.class)
class InfobipWebhookBoundsTests {

	static final int MAX_RESULTS = 50;

	static final long READ_TIMEOUT_MILLIS = 2000;

	// for a loaded machine: the answer comes within the timeout plus this
	private static final long MARGIN_MILLIS = 2000;

	private static final Duration DRIP_INTERVAL = Duration.ofMillis(250);

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

	@Test
	void bodyDrippedSlowerThanTheReadTimeoutGets408WithinTheTimeout() throws Exception {
		// 37 bytes, one every 250 ms: about 9 s to send
		byte[] body = results("drip", 1).getBytes(StandardCharsets.UTF_8);
		long start = System.nanoTime();
		try (Socket socket = openPost("/delivery-reports", body.length)) {
			Thread dripper = drip(socket, body);
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 ");
			assertThat(millisSince(start)).isBetween(READ_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS + MARGIN_MILLIS);
			// the server closes the connection: the rest of the body is not read
			assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
				.containsIgnoringCase("Connection: close");
			dripper.interrupt();
		}
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void bodyThatStopsArrivingGets408WithinTheTimeout() throws Exception {
		byte[] body = results("stalled", 1).getBytes(StandardCharsets.UTF_8);
		long start = System.nanoTime();
		try (Socket socket = openPost("/delivery-reports", body.length)) {
			socket.getOutputStream().write(body, 0, body.length / 2);
			socket.getOutputStream().flush();
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 ");
			assertThat(millisSince(start)).isBetween(READ_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS + MARGIN_MILLIS);
		}
		assertThat(this.events.reports).isEmpty();
	}

	@Test
	void bodyBeingDrippedHoldsNoRequestThread() throws Exception {
		byte[] body = results("held", 1).getBytes(StandardCharsets.UTF_8);
		try (Socket socket = openPost("/delivery-reports", body.length)) {
			Thread dripper = drip(socket, body);
			Thread.sleep(DRIP_INTERVAL.toMillis() * 2);
			// the server's only request thread serves this call meanwhile
			long start = System.nanoTime();
			assertThat(post("/delivery-reports", "application/json", results("meanwhile", 1)).statusCode())
				.isEqualTo(200);
			assertThat(millisSince(start)).isLessThan(READ_TIMEOUT_MILLIS / 2);
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 ");
			dripper.interrupt();
		}
		assertThat(this.events.messageIds()).containsExactly("meanwhile-0");
	}

	@Test
	void bodyDrippedThroughAFilterWithoutAsyncSupportGets408WithinTheTimeoutAndADripInterval() throws Exception {
		byte[] body = "{\"notificationType\":\"OPENED\",\"eventId\":\"drip-evt\"}".getBytes(StandardCharsets.UTF_8);
		long start = System.nanoTime();
		try (Socket socket = openPost("/tracking", body.length)) {
			Thread dripper = drip(socket, body);
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 ");
			assertThat(millisSince(start)).isBetween(READ_TIMEOUT_MILLIS,
					READ_TIMEOUT_MILLIS + DRIP_INTERVAL.toMillis() + MARGIN_MILLIS);
			dripper.interrupt();
		}
		assertThat(this.events.tracking).isEmpty();
	}

	@Test
	void chunkedBodyOverTheLimitGets413() throws Exception {
		byte[] large = ("{\"results\":[],\"padding\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + "/infobip/smtp/delivery-reports?token=bounds-token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
			.build();
		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
	}

	@Test
	void bodySentAfterExpectContinueIsRead() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + "/infobip/smtp/delivery-reports?token=bounds-token"))
			.header("Content-Type", "application/json")
			.expectContinue(true)
			.timeout(Duration.ofMillis(READ_TIMEOUT_MILLIS + MARGIN_MILLIS))
			.POST(HttpRequest.BodyPublishers.ofString(results("continued", 1)))
			.build();
		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(this.events.messageIds()).containsExactly("continued-0");
	}

	@Test
	void slowAndAbandonedBodiesAreAnsweredWithoutLogging(CapturedOutput output) throws Exception {
		// the first request initializes the DispatcherServlet, which logs
		post("/delivery-reports", "application/json", results("first", 1));
		int start = output.length();
		byte[] body = results("quiet", 1).getBytes(StandardCharsets.UTF_8);
		try (Socket socket = openPost("/delivery-reports", body.length)) {
			socket.getOutputStream().write(body, 0, 5);
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 ");
		}
		try (Socket socket = openPost("/delivery-reports", body.length)) {
			socket.getOutputStream().write(body, 0, 5);
			socket.getOutputStream().flush();
			Thread.sleep(DRIP_INTERVAL.toMillis());
		}
		// the abandoned call is answered, to nobody, within the timeout
		Thread.sleep(READ_TIMEOUT_MILLIS + DRIP_INTERVAL.toMillis());
		assertThat(post("/delivery-reports", "application/json", results("after", 1)).statusCode()).isEqualTo(200);
		String logged = output.toString().substring(start);
		assertThat(logged).doesNotContain("bounds-token").doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(logged.lines().filter((line) -> line.matches(".*\\b(INFO|WARN|ERROR)\\b.*"))).isEmpty();
		assertThat(this.events.messageIds()).containsExactly("first-0", "after-0");
	}

	/**
	 * Open a connection and send the head of a POST whose body is to follow.
	 */
	private Socket openPost(String endpoint, int contentLength) throws IOException {
		Socket socket = new Socket("localhost", this.port);
		socket.setSoTimeout((int) (READ_TIMEOUT_MILLIS * 10));
		String head = "POST /infobip/smtp" + endpoint + "?token=bounds-token HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
		socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return socket;
	}

	/**
	 * Send the body one byte every drip interval, until it is sent or the connection is
	 * closed.
	 */
	private static Thread drip(Socket socket, byte[] body) {
		Thread dripper = new Thread(() -> {
			try {
				OutputStream out = socket.getOutputStream();
				for (byte b : body) {
					Thread.sleep(DRIP_INTERVAL.toMillis());
					out.write(b);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// the server closed the connection, or the test is over
			}
		}, "dripper");
		dripper.setDaemon(true);
		dripper.start();
		return dripper;
	}

	private static String statusLine(Socket socket) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		InputStream in = socket.getInputStream();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	private static long millisSince(long startNanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
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

		@Bean
		FilterRegistrationBean<Filter> filterWithoutAsyncSupport() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
					(request, response, chain) -> chain.doFilter(request, response));
			registration.setAsyncSupported(false);
			registration.addUrlPatterns("/infobip/smtp/tracking");
			return registration;
		}

	}

	static class Events {

		final List<InfobipDeliveryReportEvent> reports = new CopyOnWriteArrayList<>();

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) {
			this.reports.add(event);
		}

		final List<InfobipTrackingEvent> tracking = new CopyOnWriteArrayList<>();

		@EventListener
		void onTracking(InfobipTrackingEvent event) {
			this.tracking.add(event);
		}

		List<String> messageIds() {
			return this.reports.stream().map(InfobipDeliveryReportEvent::getMessageId).toList();
		}

		void clear() {
			this.reports.clear();
			this.tracking.clear();
		}

	}

}

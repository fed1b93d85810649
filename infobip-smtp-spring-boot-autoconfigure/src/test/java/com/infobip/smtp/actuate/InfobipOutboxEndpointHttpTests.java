/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.actuate;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestCredentials;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.webhook.DeliveryReport;
import com.infobip.smtp.webhook.DeliveryStatusGroup;
import com.infobip.smtp.webhook.TrackingNotification;
import com.infobip.smtp.webhook.TrackingNotificationType;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code infobipoutbox} endpoint over real HTTP on a random port, exposed, over the
 * outbox on H2 sending to a STARTTLS + AUTH relay on loopback. The tests share the
 * outbox: each looks at its own entries, and leaves none due.
 */
@SpringBootTest(classes = OutboxEndpointApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infobip.smtp.outbox.enabled=true", "infobip.smtp.outbox.poll-interval=100ms",
				"management.endpoints.web.exposure.include=infobipoutbox" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class InfobipOutboxEndpointHttpTests {

	private static final Log logger = LogFactory.getLog(InfobipOutboxEndpointHttpTests.class);

	static final SmtpTestRelay relay = TestRelays.start();

	@LocalServerPort
	private int port;

	@Autowired
	private InfobipMailSender sender;

	@Autowired
	private InfobipMailOutbox outbox;

	@Autowired
	private JdbcMailOutbox dispatchers;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRelayProperties.register(registry, relay.getPort(), "STARTTLS");
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:mem:outbox-endpoint-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	@AfterAll
	static void stopRelay() {
		relay.close();
	}

	@BeforeEach
	void resetRelay() {
		relay.reset();
	}

	@Test
	void summaryCountsEveryStatusAndShowsTheOldestWaitingEntrysAge() throws Exception {
		this.dispatchers.stop();
		try {
			String waiting = this.outbox.enqueue(plain("waiting@example.com"));
			HttpResponse<String> response = get("");
			logger.info("GET /actuator/infobipoutbox: " + response.body());
			DocumentContext summary = json(response);
			assertThat(map(summary, "$.entries")).containsOnlyKeys("pending", "sending", "sent", "failed", "unknown",
					"cancelled");
			assertThat(summary.read("$.entries.pending", Integer.class)).isPositive();
			assertThat(Duration.parse(summary.read("$.oldestPendingAge", String.class)))
				.isGreaterThanOrEqualTo(Duration.ZERO);
			assertThat(map(summary, "$")).doesNotContainKey("page");
			this.outbox.cancel(waiting);
			// none waits: the age is left out, as endpoints leave out what is null
			assertThat(map(json(get("")), "$")).doesNotContainKey("oldestPendingAge");
		}
		finally {
			this.dispatchers.start();
		}
	}

	@Test
	void pageShowsTheEntriesOfAStatusNewestFirstUnlessAskedOtherwise() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			ids.add(this.outbox.enqueue(plain("page" + i + "@example.com"), later()));
			// entries enqueued in the same millisecond would be in no set order
			Thread.sleep(2);
		}
		try {
			HttpResponse<String> response = get("?status=pending&limit=2");
			logger.info("GET /actuator/infobipoutbox?status=pending&limit=2: " + response.body());
			DocumentContext newest = json(response);
			assertThat(map(newest, "$.page")).containsEntry("status", "PENDING")
				.containsEntry("order", "newest")
				.containsEntry("offset", 0)
				.containsEntry("limit", 2);
			assertThat(list(newest, "$.page.entries[*].id")).containsExactly(ids.get(2), ids.get(1));
			assertThat(list(newest, "$.page.entries[0].recipients")).containsExactly("page3@example.com");
			int pending = json(get("")).read("$.entries.pending", Integer.class);
			DocumentContext oldest = json(get("?status=PENDING&order=OLDEST&offset=" + (pending - 3) + "&limit=3"));
			assertThat(oldest.read("$.page.order", String.class)).isEqualTo("oldest");
			assertThat(list(oldest, "$.page.entries[*].id")).containsExactlyElementsOf(ids);
			assertThat(list(json(get("?status=pending&offset=" + pending)), "$.page.entries")).isEmpty();
			assertThat(json(get("?status=sending")).read("$.page.limit", Integer.class)).isEqualTo(20);
		}
		finally {
			ids.forEach(this.outbox::cancel);
		}
	}

	@Test
	void badPageParametersGet400() throws Exception {
		for (String query : List.of("?status=lost", "?status=", "?status=pending&order=sideways",
				"?status=pending&offset=-1", "?status=pending&limit=0", "?status=pending&limit=1001",
				"?status=pending&limit=many", "?limit=5", "?order=oldest")) {
			assertThat(get(query).statusCode()).as(query).isEqualTo(400);
		}
		assertThat(get("?status=failed&limit=1000").statusCode()).isEqualTo(200);
	}

	@Test
	void entryShowsWhatTheLedgerKnowsButNeitherTheBodyNorSecrets() throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo("user@example.com");
		helper.setCc("copy@example.com");
		helper.setBcc("hidden@example.com");
		helper.setSubject("Your order — Grüße");
		helper.setText("Thanks for your order, body-secret-42.");
		helper.addAttachment("invoice.pdf",
				() -> new ByteArrayInputStream("attachment-secret".getBytes(StandardCharsets.US_ASCII)));
		message.setHeader("X-IB-bulk-id", "orders-2026");
		String id = this.outbox.enqueue("order-42/confirmation", message);
		InfobipOutboxEntry sent = awaitStatus(id, InfobipOutboxStatus.SENT);
		// as the webhook's listeners record them
		DeliveryReport.Status delivered = new DeliveryReport.Status(DeliveryStatusGroup.DELIVERED, 3, "DELIVERED", 5,
				"DELIVERED_TO_HANDSET", null, "Message delivered");
		this.dispatchers.recordDeliveryReport(new DeliveryReport("orders-2026", sent.messageId(), "user@example.com",
				null, null, 1, null, delivered, null, null));
		this.dispatchers.recordTrackingEvent(new TrackingNotification(TrackingNotificationType.OPENED, "e-1", null,
				"user@example.com", null, null, null, sent.messageId(), "orders-2026", null, null, null));
		HttpResponse<String> response = get("/" + id);
		logger.info("GET /actuator/infobipoutbox/" + id + ": " + response.body());
		DocumentContext entry = json(response);
		assertThat(map(entry, "$")).containsEntry("id", id)
			.containsEntry("status", "SENT")
			.containsEntry("key", "order-42/confirmation")
			.containsEntry("messageIdHeader", sent.messageIdHeader())
			.containsEntry("bulkId", "orders-2026")
			.containsEntry("subject", "Your order — Grüße")
			.containsEntry("messageId", sent.messageId())
			.containsEntry("attempts", 1)
			.containsEntry("createdAt", sent.createdAt().toString())
			.containsEntry("completedAt", String.valueOf(sent.completedAt()))
			.containsEntry("deliveryStatus", "DELIVERED")
			.containsEntry("deliveryStatusName", "DELIVERED_TO_HANDSET")
			.containsEntry("trackingEvent", "OPENED")
			.containsKeys("lastReply", "deliveryUpdatedAt", "trackingUpdatedAt");
		assertThat(list(entry, "$.recipients")).containsExactly("user@example.com", "copy@example.com",
				"hidden@example.com");
		assertThat(Instant.parse(entry.read("$.createdAt", String.class))).isBefore(Instant.now());
		assertThat(response.body()).doesNotContain("body-secret-42")
			.doesNotContain("attachment-secret")
			.doesNotContain("invoice.pdf")
			.doesNotContain(TestCredentials.API_KEY);
	}

	@Test
	void failedEntryShowsTheRelaysReplyAndIsSentAgainOnRetry(CapturedOutput output) throws Exception {
		relay.refuseRecipient("refused@example.com", 550);
		String id = this.outbox.enqueue(plain("refused@example.com"));
		awaitStatus(id, InfobipOutboxStatus.FAILED);
		DocumentContext failed = json(get("/" + id));
		assertThat(map(failed, "$.lastReply")).containsEntry("phase", "RCPT")
			.containsEntry("code", 550)
			.containsEntry("enhancedStatus", "5.1.1");
		assertThat(failed.read("$.lastError", String.class)).contains("550");
		// stopped, so that the entry stays as the retry left it
		this.dispatchers.stop();
		try {
			assertThat(post(id, "{\"action\":\"retry\"}", null)).containsEntry("id", id)
				.containsEntry("action", "retry")
				.containsEntry("done", true)
				.containsEntry("status", "PENDING")
				.doesNotContainKey("resolution");
			assertThat(post(id, "{\"action\":\"retry\"}", null)).containsEntry("done", false)
				.containsEntry("status", "PENDING");
			relay.reset();
		}
		finally {
			this.dispatchers.start();
		}
		awaitStatus(id, InfobipOutboxStatus.SENT);
		assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
			.containsExactly("refused@example.com");
		assertThat(output).contains("Outbox entry " + id
				+ ": retry by unauthenticated through the infobipoutbox endpoint done, now PENDING");
		assertThat(output).contains(
				"Outbox entry " + id + ": retry done (called by " + InfobipOutboxEndpoint.class.getName() + ".act)");
	}

	@Test
	void pendingEntryIsCancelledAndTheCallerLogged(CapturedOutput output) throws Exception {
		String id = this.outbox.enqueue(plain("cancelled@example.com"), later());
		assertThat(post(id, "{\"action\":\"cancel\"}", "alice")).containsEntry("done", true)
			.containsEntry("status", "CANCELLED");
		assertThat(output).contains(
				"Outbox entry " + id + ": cancel by alice through the infobipoutbox endpoint done, now CANCELLED");
		assertThat(post(id, "{\"action\":\"CANCEL\"}", "alice")).containsEntry("done", false)
			.containsEntry("status", "CANCELLED");
		// only a failed entry is retried
		assertThat(post(id, "{\"action\":\"retry\"}", "bob")).containsEntry("done", false)
			.containsEntry("status", "CANCELLED");
		assertThat(output).contains(
				"Outbox entry " + id + ": retry by bob through the infobipoutbox endpoint not done, now CANCELLED");
	}

	@Test
	void unknownEntriesAreResolvedAsSentOrSentAgain() throws Exception {
		relay.dropAfterData(2);
		String sent = this.outbox.enqueue(plain("unknown1@example.com"));
		String again = this.outbox.enqueue(plain("unknown2@example.com"));
		awaitStatus(sent, InfobipOutboxStatus.UNKNOWN);
		awaitStatus(again, InfobipOutboxStatus.UNKNOWN);
		this.dispatchers.stop();
		try {
			assertThat(post(sent, "{\"action\":\"resolve\",\"resolution\":\"SENT\"}", null))
				.containsEntry("action", "resolve")
				.containsEntry("resolution", "SENT")
				.containsEntry("done", true)
				.containsEntry("status", "SENT");
			assertThat(post(again, "{\"action\":\"resolve\",\"resolution\":\"retry\"}", null))
				.containsEntry("resolution", "RETRY")
				.containsEntry("done", true)
				.containsEntry("status", "PENDING");
			assertThat(post(sent, "{\"action\":\"resolve\",\"resolution\":\"RETRY\"}", null))
				.containsEntry("done", false)
				.containsEntry("status", "SENT");
		}
		finally {
			this.dispatchers.start();
		}
		awaitStatus(again, InfobipOutboxStatus.SENT);
		assertThat(json(get("/" + sent)).read("$.lastError", String.class))
			.isEqualTo("Resolved as sent by an operator");
		// each was read once before it was dropped; the one resolved RETRY once more
		assertThat(relay.getMessages()).extracting((received) -> received.recipients().get(0))
			.containsExactlyInAnyOrder("unknown1@example.com", "unknown2@example.com", "unknown2@example.com");
	}

	@Test
	void missingEntryGets404AndAnActionOnItIsNotDone() throws Exception {
		assertThat(get("/no-such-entry").statusCode()).isEqualTo(404);
		assertThat(post("no-such-entry", "{\"action\":\"cancel\"}", null)).containsEntry("id", "no-such-entry")
			.containsEntry("done", false)
			.doesNotContainKey("status");
	}

	@Test
	void badActionsGet400AndChangeNothing(CapturedOutput output) throws Exception {
		String id = this.outbox.enqueue(plain("untouched@example.com"), later());
		int start = output.length();
		for (String body : List.of("{\"action\":\"delete\"}", "{}", "{\"action\":\"resolve\"}",
				"{\"action\":\"resolve\",\"resolution\":\"MAYBE\"}", "{\"action\":\"cancel\",\"resolution\":\"SENT\"}",
				"{\"action\":\"\"}")) {
			assertThat(postResponse(id, body, null).statusCode()).as(body).isEqualTo(400);
		}
		assertThat(this.outbox.find(id)).get()
			.extracting(InfobipOutboxEntry::status)
			.isEqualTo(InfobipOutboxStatus.PENDING);
		assertThat(output.toString().substring(start)).doesNotContain("Outbox entry");
		this.outbox.cancel(id);
	}

	@Test
	void idWithALineBreakGets400AndForgesNoLogLine(CapturedOutput output) throws Exception {
		int start = output.length();
		HttpResponse<String> response = postResponse("forged%0AOutbox%20entry%20x:%20cancel", "{\"action\":\"cancel\"}",
				null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(output.toString().substring(start)).doesNotContain("Outbox entry");
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path)).GET().build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private Map<String, Object> post(String id, String body, @Nullable String user) throws Exception {
		return map(json(postResponse(id, body, user)), "$");
	}

	private HttpResponse<String> postResponse(String id, String body, @Nullable String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/" + id))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (user != null) {
			request.header(OutboxEndpointApplication.USER_HEADER, user);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + "/actuator/infobipoutbox" + path);
	}

	private static DocumentContext json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private static Map<String, Object> map(DocumentContext json, String path) {
		return json.read(path);
	}

	private static List<Object> list(DocumentContext json, String path) {
		return json.read(path);
	}

	// generous: on a loaded machine the first TLS handshake with the relay takes long
	private InfobipOutboxEntry awaitStatus(String id, InfobipOutboxStatus status) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.outbox.find(id).orElse(null), (entry) -> entry != null && entry.status() == status);
	}

	private MimeMessage plain(String to) throws Exception {
		return OutboxContexts.plain(this.sender, to);
	}

	// not due within any test: the entry stays PENDING until cancelled
	private static Instant later() {
		return Instant.now().plus(1, ChronoUnit.HOURS);
	}

}

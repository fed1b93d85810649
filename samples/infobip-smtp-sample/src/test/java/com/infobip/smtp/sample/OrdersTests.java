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
import java.util.List;

import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.ReceivedMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /orders} commits an order with its confirmation enqueued in the outbox,
 * which sends it once; the reports on it update the ledger that {@code GET /orders/{id}}
 * shows. An order whose transaction rolls back leaves no entry and sends no mail.
 */
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.send-token=" + SendControllerTests.TOKEN)
@ExtendWith(OutputCaptureExtension.class)
class OrdersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private InfobipSmtpTestRelay relay;

	@Autowired
	private InfobipMailOutbox outbox;

	private SampleHttp http;

	@BeforeEach
	void setUp() {
		this.http = new SampleHttp(this.port);
	}

	@Test
	void orderIsCommittedWithItsConfirmationSentOnceAndReportsUpdateItsLedger(CapturedOutput output) throws Exception {
		HttpResponse<String> placed = placeOrder("A-1", "customer@example.com");
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String orderId = SampleHttp.json(placed).get("orderId").asString();
		String confirmationId = SampleHttp.json(placed).get("confirmationId").asString();
		ReceivedMessage confirmation = awaitConfirmation(orderId);
		assertThat(confirmation.envelopeRecipients()).containsExactly("customer@example.com");
		assertThat(confirmation.mimeMessage().getSubject()).isEqualTo("Your order A-1");
		assertThat(confirmation.mimeMessage().getContent()).isInstanceOf(MimeMultipart.class);
		assertThat(confirmation.rawContent()).contains("text/html");
		assertThat(confirmation.bulkId()).isNotBlank();
		assertThat(confirmation.notifyContentType()).isEqualTo("application/json");
		InfobipOutboxEntry sent = await().atMost(TIMEOUT)
			.until(() -> this.outbox.find(confirmationId).orElseThrow(),
					(entry) -> entry.status() == InfobipOutboxStatus.SENT);
		assertThat(sent.messageId()).isEqualTo(confirmation.messageId());
		assertThat(sent.attempts()).isEqualTo(1);
		assertThat(this.relay.reports().delivered(confirmation)).isEqualTo(200);
		assertThat(this.relay.reports().opened(confirmation)).isEqualTo(200);
		JsonNode order = SampleHttp.json(get("/orders/" + orderId));
		assertThat(order.get("reference").asString()).isEqualTo("A-1");
		assertThat(order.get("confirmationId").asString()).isEqualTo(confirmationId);
		JsonNode ledger = order.get("confirmation");
		assertThat(ledger.get("status").asString()).isEqualTo("SENT");
		// Infobip's message id, which its reports carry, and the Message-ID header
		assertThat(ledger.get("messageId").asString()).isEqualTo(confirmation.messageId());
		assertThat(ledger.get("messageIdHeader").asString())
			.isEqualTo(confirmation.mimeMessage().getHeader("Message-ID", null));
		assertThat(ledger.has("queueId")).isFalse();
		assertThat(ledger.get("deliveryStatus").asString()).isEqualTo("DELIVERED");
		assertThat(ledger.get("trackingEvent").asString()).isEqualTo("OPENED");
		assertThat(output.getOut())
			.contains("Ledger of order A-1: confirmation SENT as " + confirmation.messageId()
					+ ", delivery DELIVERED, tracking none")
			.contains("Ledger of order A-1: confirmation SENT as " + confirmation.messageId()
					+ ", delivery DELIVERED, tracking OPENED");
		assertThat(confirmationsOf(orderId)).hasSize(1);
	}

	@Test
	void orderWhoseTransactionRollsBackLeavesNoEntryAndSendsNoMail(CapturedOutput output) throws Exception {
		HttpResponse<String> first = placeOrder("B-1", "first@example.com");
		assertThat(first.statusCode()).isEqualTo(201);
		long entries = entries();
		HttpResponse<String> duplicate = placeOrder("B-1", "second@example.com");
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(SampleHttp.json(duplicate).get("detail").asString()).isEqualTo("An order with reference B-1 exists");
		assertThat(entries()).isEqualTo(entries);
		String rolledBack = output.getOut()
			.lines()
			.filter((line) -> line.contains("Order B-1 refused"))
			.findFirst()
			.orElseThrow()
			.replaceAll(".*outbox entry ([0-9a-f-]+).*", "$1");
		assertThat(this.outbox.find(rolledBack)).isEmpty();
		// the first order's confirmation is sent, and no other mail to the second address
		awaitConfirmation(SampleHttp.json(first).get("orderId").asString());
		await().atMost(TIMEOUT)
			.until(() -> this.outbox.countByStatus().get(InfobipOutboxStatus.PENDING) == 0
					&& this.outbox.countByStatus().get(InfobipOutboxStatus.SENDING) == 0);
		assertThat(this.relay.getReceivedMessages())
			.noneMatch((message) -> message.envelopeRecipients().contains("second@example.com"));
	}

	@Test
	void unknownOrderIsNotFound() throws Exception {
		assertThat(get("/orders/no-such-order").statusCode()).isEqualTo(404);
	}

	@Test
	void orderWithGroupOfRecipientsIsBadRequestAndEnqueuesNothing() throws Exception {
		long entries = entries();
		HttpResponse<String> response = placeOrder("C-1", "list: a@x.example, b@y.example;");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SampleHttp.json(response).get("detail").asString())
			.isEqualTo("to must be one plain email address, such as name@example.com");
		assertThat(entries()).isEqualTo(entries);
	}

	@Test
	void orderWithoutTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = this.http.post("/orders", order("D-1", "customer@example.com"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(SampleHttp.json(response).get("detail").asString())
			.isEqualTo("/orders needs the token of sample.send-token, in X-Sample-Token or as a Bearer token");
	}

	private HttpResponse<String> placeOrder(String reference, String to) throws Exception {
		return this.http.post("/orders", order(reference, to), "X-Sample-Token", SendControllerTests.TOKEN);
	}

	private static String order(String reference, String to) {
		return "{\"reference\":\"" + reference + "\",\"to\":\"" + to
				+ "\",\"item\":\"Coffee beans <1 kg>\",\"quantity\":2}";
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("X-Sample-Token", SendControllerTests.TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private ReceivedMessage awaitConfirmation(String orderId) {
		return await().atMost(TIMEOUT).until(() -> confirmationsOf(orderId), (found) -> !found.isEmpty()).get(0);
	}

	private List<ReceivedMessage> confirmationsOf(String orderId) {
		return this.relay.getReceivedMessages()
			.stream()
			.filter((message) -> (Orders.CALLBACK_DATA_PREFIX + orderId).equals(message.callbackData()))
			.toList();
	}

	private long entries() {
		return this.outbox.countByStatus().values().stream().mapToLong(Long::longValue).sum();
	}

}

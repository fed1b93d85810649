/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What {@link DeliveryReportSimulator} posts, seen by a plain HTTP server on loopback.
 */
class DeliveryReportSimulatorTests {

	private final DeliveryReportSimulator simulator = new DeliveryReportSimulator();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				this.requests.add(new Request(exchange.getRequestURI().toString(),
						exchange.getRequestHeaders().getFirst("Authorization"),
						exchange.getRequestHeaders().getFirst("Content-Type"),
						new String(body.readAllBytes(), StandardCharsets.UTF_8)));
			}
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void xmlReportCarriesTheIdsOfEachRecipientAndBasicCredentialsFromTheUrl() {
		ReceivedMessage message = message("X-IB-notify-url: http://hook%40user:pa%3Ass@localhost:" + port()
				+ "/reports\r\nX-IB-notify-content-type: application/xml\r\nX-IB-bulk-id: bulk-1\r\n"
				+ "X-IB-callback-data: a<b\r\n");
		assertThat(this.simulator.delivered(message)).isEqualTo(202);
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.uri()).isEqualTo("/reports");
			assertThat(request.contentType()).isEqualTo("application/xml");
			assertThat(request.authorization()).isEqualTo(
					"Basic " + Base64.getEncoder().encodeToString("hook@user:pa:ss".getBytes(StandardCharsets.UTF_8)));
			assertThat(request.body()).startsWith("<reportResponse><results><result><bulkId>bulk-1</bulkId>")
				.contains("<messageId>queue-1</messageId><to>a@example.com</to>")
				.contains("<messageId>queue-1</messageId><to>b@example.com</to>")
				.contains("<groupName>DELIVERED</groupName>")
				.contains("<callbackData>a&lt;b</callbackData>");
		});
	}

	@Test
	void jsonReportAndTrackingEventKeepTheTokenQueryParameter() {
		ReceivedMessage message = message("X-IB-notify-url: http://localhost:" + port() + "/dr?token=t%26k\r\n"
				+ "X-IB-tracking-url: http://localhost:" + port() + "/tr?token=t%26k\r\n");
		assertThat(this.simulator.undeliverable(message)).isEqualTo(202);
		assertThat(this.simulator.clicked(message, "https://example.com/\"offer\"")).isEqualTo(202);
		assertThat(this.requests).satisfiesExactly((report) -> {
			assertThat(report.uri()).isEqualTo("/dr?token=t%26k");
			assertThat(report.contentType()).isEqualTo("application/json");
			assertThat(report.body()).startsWith("{\"results\":[{\"messageId\":\"queue-1\",\"to\":\"a@example.com\"")
				.contains("\"groupName\":\"UNDELIVERABLE\"")
				.doesNotContain("bulkId");
		}, (click) -> {
			assertThat(click.uri()).isEqualTo("/tr?token=t%26k");
			assertThat(click.body()).contains("\"notificationType\":\"CLICKED\"")
				.contains("\"url\":\"https://example.com/\\\"offer\\\"\"")
				.contains("\"messageId\":\"queue-1\"");
		});
	}

	@Test
	void failedPostNamesNeitherTokenNorPassword() {
		int port = port();
		this.server.stop(0);
		ReceivedMessage message = message(
				"X-IB-notify-url: http://user:secret-password@localhost:" + port + "/dr?token=secret-token\r\n");
		assertThatIllegalStateException().isThrownBy(() -> this.simulator.delivered(message))
			.withMessageContaining("localhost:" + port + "/dr")
			.withMessageNotContaining("secret");
	}

	@Test
	void messageWithoutNotifyUrlCannotBeReported() {
		assertThatIllegalStateException().isThrownBy(() -> this.simulator.delivered(message("")))
			.withMessageContaining("X-IB-notify-url");
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

	private static ReceivedMessage message(String headers) {
		byte[] data = ("From: shop@example.com\r\nSubject: Hi\r\n" + headers + "\r\nHello\r\n")
			.getBytes(StandardCharsets.UTF_8);
		return new ReceivedMessage("shop@example.com", List.of("a@example.com", "b@example.com"), data, "queue-1",
				"App", true);
	}

	record Request(String uri, String authorization, String contentType, String body) {

	}

}

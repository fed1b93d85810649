/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Starts the sample against a test relay and uses it over HTTP.
 */
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InfobipSmtpSampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private InfobipSmtpTestRelay relay;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void sendEndpointDeliversThroughTheRelay() throws Exception {
		int before = this.relay.getReceivedMessages().size();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/send"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"to\":\"friend@example.com\",\"subject\":\"Over HTTP\",\"text\":\"Hi\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"acceptedRecipients\":[\"friend@example.com\"]");
		assertThat(this.relay.getReceivedMessages()).hasSize(before + 1);
	}

	@Test
	void healthShowsTheRelayUp() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode components = JsonMapper.builder().build().readTree(response.body()).get("components");
		assertThat(components.get("infobipSmtp").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("infobipSmtp").get("details").get("security").asString()).isEqualTo("TLS");
		assertThat(components.has("mail")).isFalse();
	}

	@Test
	void listensOnLoopbackOnly(@Autowired WebServerApplicationContext context) throws Exception {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		assertThat(server.getTomcat().getConnector().getProperty("address")).isInstanceOfSatisfying(InetAddress.class,
				(address) -> assertThat(address.isLoopbackAddress()).isTrue());
		List<InetAddress> otherAddresses = NetworkInterface.networkInterfaces()
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.toList();
		for (InetAddress address : otherAddresses) {
			try (Socket socket = new Socket()) {
				assertThatIOException().as("connecting through %s", address)
					.isThrownBy(() -> socket.connect(new InetSocketAddress(address, this.port), 2000));
			}
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.testsupport.OutboxContexts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application that does not expose the {@code infobipoutbox} endpoint, or allows
 * it reads only, serves over HTTP. Each test starts its own application on a random port,
 * its outbox on its own H2 database, its relay out of reach: nothing is due.
 */
class InfobipOutboxEndpointAccessHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void endpointNotExposedIsNotServed() throws Exception {
		try (ConfigurableApplicationContext application = start()) {
			assertThat(application.getBeanNamesForType(InfobipOutboxEndpoint.class)).isEmpty();
			assertThat(send(application, "GET", "").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void readOnlyAccessServesTheReadsButNotTheWrite() throws Exception {
		try (ConfigurableApplicationContext application = start(
				"management.endpoints.web.exposure.include=infobipoutbox",
				"management.endpoint.infobipoutbox.access=read-only")) {
			InfobipMailOutbox outbox = application.getBean(InfobipMailOutbox.class);
			String id = outbox.enqueue(
					OutboxContexts.plain(application.getBean(InfobipMailSender.class), "user@example.com"),
					Instant.now().plus(1, ChronoUnit.HOURS));
			assertThat(send(application, "GET", "").statusCode()).isEqualTo(200);
			assertThat(send(application, "GET", "/" + id).statusCode()).isEqualTo(200);
			assertThat(send(application, "POST", "/" + id).statusCode()).isEqualTo(405);
			assertThat(outbox.find(id)).get()
				.extracting(InfobipOutboxEntry::status)
				.isEqualTo(InfobipOutboxStatus.PENDING);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(OutboxEndpointApplication.class)
			.properties("server.port=0", OutboxContexts.h2(), "infobip.smtp.outbox.enabled=true")
			.properties(OutboxContexts.unreachableRelay())
			.properties(properties)
			.run();
	}

	private HttpResponse<String> send(ConfigurableApplicationContext application, String method, String path)
			throws Exception {
		String port = application.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/actuator/infobipoutbox" + path))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString("{\"action\":\"cancel\"}"))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}

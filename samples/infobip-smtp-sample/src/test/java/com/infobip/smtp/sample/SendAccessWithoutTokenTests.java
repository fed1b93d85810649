/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.net.http.HttpResponse;

import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code sample.send-token}, {@code POST /send} sends only for callers on this
 * machine. A caller elsewhere is simulated as a reverse proxy on loopback would report
 * it: with {@code X-Forwarded-For}, which Tomcat applies when forwarded headers are
 * enabled.
 */
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.forward-headers-strategy=native")
class SendAccessWithoutTokenTests {

	private static final String MESSAGE = "{\"to\":\"friend@example.com\",\"subject\":\"Hi\",\"text\":\"Hello\"}";

	@LocalServerPort
	private int port;

	@Autowired
	private InfobipSmtpTestRelay relay;

	private SampleHttp http;

	private int receivedBefore;

	@BeforeEach
	void setUp() {
		this.http = new SampleHttp(this.port);
		this.receivedBefore = this.relay.getReceivedMessages().size();
	}

	@Test
	void callFromAnotherMachineIsForbiddenAndSendsNothing() throws Exception {
		HttpResponse<String> response = this.http.post("/send", MESSAGE, "X-Forwarded-For", "203.0.113.7");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(SampleHttp.json(response).get("detail").asString())
			.isEqualTo("POST /send takes calls from this machine only; set sample.send-token to take others");
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore);
	}

	@Test
	void callFromAnotherMachineNamingLoopbackIsForbidden() throws Exception {
		HttpResponse<String> response = this.http.post("/send", MESSAGE, "X-Forwarded-For", "localhost");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore);
	}

	@Test
	void callFromThisMachineSends() throws Exception {
		HttpResponse<String> response = this.http.post("/send", MESSAGE);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore + 1);
	}

}

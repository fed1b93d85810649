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
 * With {@code sample.send-token} set, {@code POST /send} sends only for callers that
 * present it, even on loopback.
 */
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.send-token=" + SendControllerTests.TOKEN)
class SendAccessTests {

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
	void callWithoutTokenIsUnauthorizedAndSendsNothing() throws Exception {
		assertUnauthorized(this.http.post("/send", MESSAGE));
	}

	@Test
	void callWithWrongTokenIsUnauthorizedAndSendsNothing() throws Exception {
		assertUnauthorized(this.http.post("/send", MESSAGE, "X-Sample-Token", SendControllerTests.TOKEN + "x"));
		assertUnauthorized(this.http.post("/send", MESSAGE, "Authorization", "Bearer wrong"));
	}

	@Test
	void callWithoutTokenIsUnauthorizedBeforeItsBodyIsRead() throws Exception {
		assertUnauthorized(this.http.post("/send", "{not json"));
	}

	@Test
	void callWithTokenHeaderSends() throws Exception {
		HttpResponse<String> response = this.http.post("/send", MESSAGE, "X-Sample-Token", SendControllerTests.TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore + 1);
	}

	@Test
	void callWithBearerTokenSends() throws Exception {
		HttpResponse<String> response = this.http.post("/send", MESSAGE, "Authorization",
				"Bearer " + SendControllerTests.TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore + 1);
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(SampleHttp.json(response).get("detail").asString())
			.isEqualTo("POST /send needs the token of sample.send-token, in X-Sample-Token or as a Bearer token");
		assertThat(response.body()).doesNotContain(SendControllerTests.TOKEN);
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore);
	}

}

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
 * {@code POST /send} answers bad input with 400 and a short reason, and sends nothing.
 */
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.send-token=" + SendControllerTests.TOKEN)
class SendControllerTests {

	static final String TOKEN = "test-send-token";

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
	void plainAddressIsSent() throws Exception {
		HttpResponse<String> response = send("{\"to\":\"friend@example.com\",\"subject\":\"Hi\",\"text\":\"Hello\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore + 1);
	}

	@Test
	void missingToIsBadRequest() throws Exception {
		assertBadRequest(send("{\"subject\":\"Hi\",\"text\":\"Hello\"}"), "to is required");
	}

	@Test
	void malformedAddressIsBadRequest() throws Exception {
		assertBadRequest(send("{\"to\":\"friend@@example..com\",\"subject\":\"Hi\",\"text\":\"Hello\"}"),
				"to must be one plain email address, such as name@example.com");
	}

	@Test
	void groupOfRecipientsIsBadRequestAndReachesNoOne() throws Exception {
		assertBadRequest(send("{\"to\":\"list: a@x.example, b@y.example;\",\"subject\":\"Hi\",\"text\":\"Hello\"}"),
				"to must be one plain email address, such as name@example.com");
	}

	@Test
	void twoAddressesAreBadRequest() throws Exception {
		assertBadRequest(send("{\"to\":\"a@x.example, b@y.example\",\"subject\":\"Hi\",\"text\":\"Hello\"}"),
				"to must be one plain email address, such as name@example.com");
	}

	@Test
	void displayNameIsBadRequest() throws Exception {
		assertBadRequest(
				send("{\"to\":\"\\\"boss@x.example\\\" <a@y.example>\",\"subject\":\"Hi\",\"text\":\"Hello\"}"),
				"to must be one plain email address, such as name@example.com");
	}

	@Test
	void emptySubjectIsBadRequest() throws Exception {
		assertBadRequest(send("{\"to\":\"friend@example.com\",\"subject\":\" \",\"text\":\"Hello\"}"),
				"subject is required");
	}

	@Test
	void subjectOfTwoLinesIsBadRequest() throws Exception {
		assertBadRequest(
				send("{\"to\":\"friend@example.com\",\"subject\":\"Hi\\r\\nBcc: b@y.example\",\"text\":\"Hello\"}"),
				"subject must be one line of text");
	}

	@Test
	void missingTextIsBadRequest() throws Exception {
		assertBadRequest(send("{\"to\":\"friend@example.com\",\"subject\":\"Hi\"}"), "text is required");
	}

	@Test
	void overlongTextIsBadRequest() throws Exception {
		assertBadRequest(
				send("{\"to\":\"friend@example.com\",\"subject\":\"Hi\",\"text\":\"" + "x".repeat(100_001) + "\"}"),
				"text is longer than 100000 characters");
	}

	@Test
	void unparseableJsonIsBadRequest() throws Exception {
		assertBadRequest(send("{\"to\":\"friend@example.com\","), "Failed to read request");
	}

	private HttpResponse<String> send(String json) throws Exception {
		return this.http.post("/send", json, "X-Sample-Token", TOKEN);
	}

	private void assertBadRequest(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(SampleHttp.json(response).get("detail").asString()).isEqualTo(reason);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
		assertThat(this.relay.getReceivedMessages()).hasSize(this.receivedBefore);
	}

}

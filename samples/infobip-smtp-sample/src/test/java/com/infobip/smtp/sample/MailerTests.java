/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample logs for a message it sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MailerTests {

	@LocalServerPort
	private int port;

	@Test
	void sendWithoutQueueIdFromTheRelaySaysSoInsteadOfNull(CapturedOutput output) throws Exception {
		HttpResponse<String> response = new SampleHttp(this.port).post("/send",
				"{\"to\":\"friend@example.com\",\"subject\":\"No queue id\",\"text\":\"Hi\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(output.getOut()).contains("Sent 'No queue id' to [friend@example.com]: no queue id from the relay")
			.doesNotContain("queued as null");
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.net.http.HttpResponse;

import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample logs for a message it sent.
 */
@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MailerTests {

	@LocalServerPort
	private int port;

	@Autowired
	private InfobipSmtpTestRelay relay;

	@Test
	void sendLogsTheQueueIdTheRelayAnswered(CapturedOutput output) throws Exception {
		HttpResponse<String> response = new SampleHttp(this.port).post("/send",
				"{\"to\":\"friend@example.com\",\"subject\":\"Queued\",\"text\":\"Hi\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		String messageId = this.relay.getReceivedMessages().get(0).messageId();
		assertThat(output.getOut()).contains("Sent 'Queued' to [friend@example.com]: queued as " + messageId)
			.doesNotContain("queued as null");
	}

}

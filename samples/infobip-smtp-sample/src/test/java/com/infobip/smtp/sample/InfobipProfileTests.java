/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The {@code infobip} profile sends real mail, so it does not start without a token for
 * {@code POST /send}.
 */
class InfobipProfileTests {

	@Test
	void startWithoutSendTokenFailsNamingIt() {
		// everything else the profile requires, and a relay address where nothing listens
		// (as arguments, which take precedence over the profile's file)
		SpringApplicationBuilder application = new SpringApplicationBuilder(InfobipSmtpSampleApplication.class)
			.profiles("infobip");
		assertThatException()
			.isThrownBy(() -> application.run("--INFOBIP_API_KEY=test-api-key", "--INFOBIP_FROM=shop@example.com",
					"--SAMPLE_TO=friend@example.com", "--INFOBIP_WEBHOOK_TOKEN=test-webhook-token",
					"--infobip.smtp.host=127.0.0.1", "--infobip.smtp.port=9", "--infobip.smtp.test-connection=false",
					"--server.port=0"))
			.withStackTraceContaining("SAMPLE_SEND_TOKEN");
	}

}

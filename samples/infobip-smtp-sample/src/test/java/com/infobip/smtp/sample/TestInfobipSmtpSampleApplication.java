/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample offline, at development time: the application of
 * {@link InfobipSmtpSampleApplication} as it is, plus {@link OfflineConfiguration}, which
 * starts an Infobip-like test relay, points the starter at it and plays Infobip's part
 * after each message. From the repository's root:
 * {@code ./mvnw -B -pl samples/infobip-smtp-sample -am spring-boot:test-run}.
 */
public final class TestInfobipSmtpSampleApplication {

	private TestInfobipSmtpSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(InfobipSmtpSampleApplication::main).with(OfflineConfiguration.class).run(args);
	}

}

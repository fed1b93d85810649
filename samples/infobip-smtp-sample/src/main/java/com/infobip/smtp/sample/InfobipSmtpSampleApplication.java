/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that sends email through the Infobip SMTP starter. With the
 * {@code infobip} profile it sends through the real Infobip relay; offline, run
 * {@code TestInfobipSmtpSampleApplication} (in src/test), which adds a test relay.
 */
@SpringBootApplication
public class InfobipSmtpSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(InfobipSmtpSampleApplication.class, args);
	}

}

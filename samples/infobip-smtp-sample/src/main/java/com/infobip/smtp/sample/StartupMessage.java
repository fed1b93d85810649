/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import jakarta.mail.internet.InternetAddress;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Sends one message to {@code sample.to} on start-up.
 */
@Component
class StartupMessage implements ApplicationRunner {

	private final Mailer mailer;

	private final String to;

	StartupMessage(Mailer mailer, @Value("${sample.to}") String to) {
		this.mailer = mailer;
		this.to = to;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		this.mailer.send(new InternetAddress(this.to, true), "Welcome to the Infobip SMTP sample",
				"Hello! This message went through InfobipMailSender.", "startup-message");
	}

}

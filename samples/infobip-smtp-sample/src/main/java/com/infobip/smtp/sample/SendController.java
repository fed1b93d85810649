/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import com.infobip.smtp.InfobipSendResult;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /send} with {@code {"to": ..., "subject": ..., "text": ...}} sends a
 * message to one address and answers what the relay said. Bad input is answered 400 with
 * a short reason, as problem details (RFC 9457). {@link SendAccess} decides who may call.
 */
@RestController
class SendController {

	private static final int MAX_TEXT_LENGTH = 100_000;

	private final Mailer mailer;

	SendController(Mailer mailer) {
		this.mailer = mailer;
	}

	@PostMapping("/send")
	InfobipSendResult send(@RequestBody SendRequest request) {
		InternetAddress to = Input.recipient(request.to());
		String subject = Input.line("subject", request.subject());
		String text = text(request.text());
		return this.mailer.send(to, subject, text, "http-send");
	}

	private static String text(@Nullable String text) {
		if (text == null) {
			throw Input.badRequest("text is required");
		}
		if (text.length() > MAX_TEXT_LENGTH) {
			throw Input.badRequest("text is longer than " + MAX_TEXT_LENGTH + " characters");
		}
		return text;
	}

	record SendRequest(@Nullable String to, @Nullable String subject, @Nullable String text) {
	}

}

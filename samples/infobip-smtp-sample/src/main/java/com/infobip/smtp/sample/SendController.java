/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import com.infobip.smtp.InfobipSendResult;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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
		InternetAddress to = recipient(request.to());
		String subject = subject(request.subject());
		String text = text(request.text());
		return this.mailer.send(to, subject, text, "http-send");
	}

	/**
	 * Accept exactly one plain address, such as name@example.com. A group ("list:
	 * a@x.example, b@y.example;") parses as one address but reaches all its members, and
	 * a display name or comment can show the recipient another address than the real one.
	 */
	private static InternetAddress recipient(@Nullable String to) {
		if (to == null || to.isBlank()) {
			throw badRequest("to is required");
		}
		try {
			InternetAddress[] parsed = InternetAddress.parse(to, true);
			if (parsed.length == 1 && !parsed[0].isGroup() && to.strip().equals(parsed[0].getAddress())) {
				parsed[0].validate();
				return parsed[0];
			}
		}
		catch (AddressException ex) {
			// answered below, without the parser's message
		}
		throw badRequest("to must be one plain email address, such as name@example.com");
	}

	private static String subject(@Nullable String subject) {
		if (subject == null || subject.isBlank()) {
			throw badRequest("subject is required");
		}
		if (subject.chars().anyMatch(Character::isISOControl)) {
			throw badRequest("subject must be one line of text");
		}
		return subject;
	}

	private static String text(@Nullable String text) {
		if (text == null) {
			throw badRequest("text is required");
		}
		if (text.length() > MAX_TEXT_LENGTH) {
			throw badRequest("text is longer than " + MAX_TEXT_LENGTH + " characters");
		}
		return text;
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

	record SendRequest(@Nullable String to, @Nullable String subject, @Nullable String text) {
	}

}

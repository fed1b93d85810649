/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checks of the values callers post: each refusal is a 400 with a short reason.
 */
final class Input {

	private Input() {
	}

	/**
	 * Accept exactly one plain address, such as name@example.com. A group ("list:
	 * a@x.example, b@y.example;") parses as one address but reaches all its members, and
	 * a display name or comment can show the recipient another address than the real one.
	 */
	static InternetAddress recipient(@Nullable String to) {
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

	/**
	 * Accept one line of text, not blank.
	 */
	static String line(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw badRequest(name + " is required");
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw badRequest(name + " must be one line of text");
		}
		return value;
	}

	/**
	 * Accept one line of text, not blank, of at most the given length.
	 */
	static String line(String name, @Nullable String value, int maxLength) {
		String line = line(name, value);
		if (line.length() > maxLength) {
			throw badRequest(name + " is longer than " + maxLength + " characters");
		}
		return line;
	}

	static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import com.infobip.smtp.InfobipSendResult;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /send} with {@code {"to": ..., "subject": ..., "text": ...}} sends a
 * message and answers what the relay said.
 */
@RestController
class SendController {

	private final Mailer mailer;

	SendController(Mailer mailer) {
		this.mailer = mailer;
	}

	@PostMapping("/send")
	InfobipSendResult send(@RequestBody SendRequest request) {
		return this.mailer.send(request.to(), request.subject(), request.text(), "http-send");
	}

	record SendRequest(String to, String subject, String text) {
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipMessageHeaders;
import com.infobip.smtp.InfobipSendResult;
import jakarta.mail.internet.InternetAddress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends the sample's messages and remembers them for matching reports.
 */
@Service
class Mailer {

	private static final Log logger = LogFactory.getLog(Mailer.class);

	private final InfobipMailSender mailSender;

	private final SentMessages sentMessages;

	Mailer(InfobipMailSender mailSender, SentMessages sentMessages) {
		this.mailSender = mailSender;
		this.sentMessages = sentMessages;
	}

	InfobipSendResult send(InternetAddress to, String subject, String text, String callbackData) {
		InfobipSendResult result = this.mailSender.sendWithResult((message) -> {
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(text);
			InfobipMessageHeaders.of(message).callbackData(callbackData);
		});
		this.sentMessages.sent(result, subject);
		// Infobip names the queue id in its reply; a relay that does not gets no "null"
		String queued = (result.messageId() != null) ? "queued as " + result.messageId() : "no queue id from the relay";
		String bulk = (result.bulkId() != null) ? ", bulk id " + result.bulkId() : "";
		logger.info("Sent '" + subject + "' to " + result.acceptedRecipients() + ": " + queued + bulk + ", "
				+ result.attempts() + " attempt(s)");
		return result;
	}

}

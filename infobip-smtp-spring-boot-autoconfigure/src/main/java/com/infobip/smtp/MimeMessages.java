/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.InputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMailMessage;
import org.springframework.mail.javamail.MimeMessagePreparator;

/**
 * Creates the sender's messages, and turns simple messages and preparators into them, as
 * Spring's {@code JavaMailSenderImpl} does.
 */
final class MimeMessages {

	// only a message factory: its messages share one MIME type map, which
	// MimeMessageHelper would otherwise parse again for every plain MimeMessage
	private final JavaMailSenderImpl factory = new JavaMailSenderImpl();

	MimeMessages(Session session) {
		this.factory.setSession(session);
	}

	MimeMessage create() {
		return this.factory.createMimeMessage();
	}

	MimeMessage create(InputStream content) {
		return this.factory.createMimeMessage(content);
	}

	MimeMessage of(SimpleMailMessage simpleMessage) {
		MimeMailMessage message = new MimeMailMessage(create());
		simpleMessage.copyTo(message);
		return message.getMimeMessage();
	}

	MimeMessage of(MimeMessagePreparator preparator) {
		MimeMessage message = create();
		try {
			preparator.prepare(message);
			return message;
		}
		catch (MailException ex) {
			throw ex;
		}
		catch (MessagingException ex) {
			throw new MailParseException(ex);
		}
		catch (Exception ex) {
			throw new MailPreparationException(ex);
		}
	}

}

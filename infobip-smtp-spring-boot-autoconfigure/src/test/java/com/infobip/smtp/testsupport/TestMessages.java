/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The few shapes of message the tests send, from {@value #FROM}: plain text, as a
 * {@link SimpleMailMessage} or a {@link MimeMessage}, and multipart HTML built with
 * {@link MimeMessageHelper}, as applications build theirs.
 */
public final class TestMessages {

	/**
	 * Sender of every message.
	 */
	public static final String FROM = "shop@example.com";

	/**
	 * Subject of the messages that have one.
	 */
	public static final String SUBJECT = "Test message";

	private TestMessages() {
	}

	/**
	 * Return a plain text message with subject {@value #SUBJECT} and body "Body".
	 * @param to the recipients
	 * @return the message
	 */
	public static SimpleMailMessage plainText(String... to) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(FROM);
		message.setTo(to);
		message.setSubject(SUBJECT);
		message.setText("Body");
		return message;
	}

	/**
	 * Return a plain text MIME message without subject, with body "Body".
	 * @param sender the sender whose session the message gets
	 * @param to the recipients
	 * @return the message
	 */
	public static MimeMessage plainTextMime(JavaMailSender sender, String... to) {
		try {
			MimeMessage message = sender.createMimeMessage();
			message.setFrom(FROM);
			message.setRecipients(Message.RecipientType.TO, String.join(",", to));
			message.setText("Body");
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a multipart message with a plain text and an HTML alternative, in UTF-8,
	 * with subject {@value #SUBJECT}.
	 * @param sender the sender whose session the message gets
	 * @param to the recipients
	 * @return the message
	 */
	public static MimeMessage multipartHtml(JavaMailSender sender, String... to) {
		return multipartHtmlFrom(sender, FROM, to);
	}

	/**
	 * Return a message as {@link #multipartHtml} does, from the given sender.
	 * @param sender the sender whose session the message gets
	 * @param from the From address, as {@link MimeMessageHelper#setFrom(String)} takes it
	 * @param to the recipients
	 * @return the message
	 */
	public static MimeMessage multipartHtmlFrom(JavaMailSender sender, String from, String... to) {
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(from);
			helper.setTo(to);
			helper.setSubject(SUBJECT);
			helper.setText("plain", "<p>html</p>");
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

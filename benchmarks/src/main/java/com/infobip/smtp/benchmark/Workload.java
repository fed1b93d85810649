/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.net.URI;
import java.util.Locale;
import java.util.function.Consumer;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipMessageHeaders;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.email.EmailBuilder;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The messages of the benchmark, built the way an application builds them: with
 * {@link MimeMessageHelper} for Spring's senders, with {@link EmailBuilder} for Simple
 * Java Mail. Every message has a non-ASCII subject and sender name, a To and a Cc
 * recipient and four {@code X-IB-*} headers.
 */
enum Workload {

	/**
	 * multipart/mixed, related, alternative: {@code setText(plain, html)}, UTF-8.
	 */
	MULTIPART("multipart HTML + text"),

	/**
	 * {@link #MULTIPART} and a 200 KB PDF attachment.
	 */
	ATTACHMENT("multipart + 200 KB attachment"),

	/**
	 * One UTF-8 text part.
	 */
	PLAIN("plain text");

	static final String FROM = "shop@example.com";

	static final String FROM_NAME = "Bäckerei Müller – Bestellungen";

	private static final String CC = "archive@example.com";

	private static final URI NOTIFY_URL = URI.create("https://shop.example.com/mail/reports");

	private static final byte[] ATTACHMENT_BYTES = attachment(200 * 1024);

	private final String description;

	Workload(String description) {
		this.description = description;
	}

	String description() {
		return this.description;
	}

	static String to(int i) {
		return "kunde" + i + "@example.com";
	}

	static String subject(int i) {
		return "Ihre Bestellung Nr. " + i + " ist unterwegs – vielen Dank! ✓";
	}

	static String plain(int i) {
		StringBuilder text = new StringBuilder("Grüß Gott, liebe Kundin, lieber Kunde,\n\n");
		text.append("Ihre Bestellung Nr. ").append(i).append(" wurde heute verschickt.\n\n");
		for (int line = 1; line <= 12; line++) {
			text.append(String.format(Locale.ROOT, "%2d x Brötchen „Spezial“ à 0,45 € .......... %5.2f €%n", line,
					line * 0.45));
		}
		text.append("\nMit freundlichen Grüßen\nIhre Bäckerei Müller\n");
		return text.toString();
	}

	static String html(int i) {
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\">");
		html.append("<style>body{font-family:sans-serif}td{padding:4px 8px;border-bottom:1px solid #ddd}</style>");
		html.append("</head><body><h1>Grüß Gott!</h1><p>Ihre Bestellung Nr. <b>")
			.append(i)
			.append("</b> wurde heute verschickt.</p><table>");
		for (int line = 1; line <= 12; line++) {
			html.append(String.format(Locale.ROOT,
					"<tr><td>%d</td><td>Brötchen „Spezial“</td><td>à 0,45 €</td><td>%.2f €</td></tr>", line,
					line * 0.45));
		}
		html.append("</table><p>Mit freundlichen Grüßen<br>Ihre Bäckerei Müller</p>");
		html.append("<p style=\"font-size:small\"><a href=\"https://shop.example.com/orders/")
			.append(i)
			.append("\">Bestellung ansehen</a> · <a href=\"https://shop.example.com/unsubscribe\">Abmelden</a></p>");
		html.append("</body></html>");
		return html.toString();
	}

	static String bulkId(Workload workload) {
		return "bench-" + workload.name().toLowerCase(Locale.ROOT);
	}

	static String callbackData(int i) {
		return "order-" + i;
	}

	/**
	 * Build the message into a new MimeMessage of a Spring sender.
	 * @param message the message, from the sender's {@code createMimeMessage()}
	 * @param i the number of the message
	 * @param infobipHeaders whether to set the X-IB headers with
	 * {@link InfobipMessageHeaders} (the starter's API) rather than as plain headers
	 * @return the message
	 */
	MimeMessage build(MimeMessage message, int i, boolean infobipHeaders) throws MessagingException {
		MimeMessageHelper helper = (this != PLAIN)
				? new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8")
				: new MimeMessageHelper(message, "UTF-8");
		try {
			helper.setFrom(FROM, FROM_NAME);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		helper.setTo(to(i));
		helper.setCc(CC);
		helper.setSubject(subject(i));
		if (this == PLAIN) {
			helper.setText(plain(i));
		}
		else {
			helper.setText(plain(i), html(i));
		}
		if (this == ATTACHMENT) {
			helper.addAttachment("Rechnung-" + i + ".pdf", new ByteArrayResource(ATTACHMENT_BYTES), "application/pdf");
		}
		if (infobipHeaders) {
			InfobipMessageHeaders.of(message)
				.bulkId(bulkId(this))
				.notifyUrl(NOTIFY_URL)
				.intermediateReport(true)
				.callbackData(callbackData(i));
		}
		else {
			message.setHeader(InfobipHeaders.BULK_ID, bulkId(this));
			message.setHeader(InfobipHeaders.NOTIFY_URL, NOTIFY_URL.toString());
			message.setHeader(InfobipHeaders.INTERMEDIATE_REPORT, "true");
			message.setHeader(InfobipHeaders.CALLBACK_DATA, callbackData(i));
		}
		return message;
	}

	/**
	 * Build the same message with Simple Java Mail's builder.
	 * @param i the number of the message
	 * @return the email
	 */
	Email buildEmail(int i) {
		EmailPopulatingBuilder builder = EmailBuilder.startingBlank()
			.from(FROM_NAME, FROM)
			.to(to(i))
			.cc(CC)
			.withSubject(subject(i))
			.withPlainText(plain(i))
			.withHeader(InfobipHeaders.BULK_ID, bulkId(this))
			.withHeader(InfobipHeaders.NOTIFY_URL, NOTIFY_URL.toString())
			.withHeader(InfobipHeaders.INTERMEDIATE_REPORT, "true")
			.withHeader(InfobipHeaders.CALLBACK_DATA, callbackData(i));
		if (this != PLAIN) {
			builder.withHTMLText(html(i));
		}
		if (this == ATTACHMENT) {
			builder.withAttachment("Rechnung-" + i + ".pdf", ATTACHMENT_BYTES, "application/pdf");
		}
		return builder.buildEmail();
	}

	private static byte[] attachment(int size) {
		// not compressible, like a real PDF's streams
		byte[] bytes = new byte[size];
		new java.util.Random(42).nextBytes(bytes);
		return bytes;
	}

}

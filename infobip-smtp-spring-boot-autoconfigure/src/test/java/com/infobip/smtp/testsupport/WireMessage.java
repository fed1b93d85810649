/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.test.relay.QueuedMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The multipart message applications send, built with {@link MimeMessageHelper}, for
 * tests that compare what a relay receives with and without an optimisation: non-ASCII
 * text, lines that start with one or two dots in the plain and the HTML part (the dots
 * SMTP must stuff), an inline image, a binary attachment, To, Cc and Bcc, Infobip
 * headers, a header with unencoded non-ASCII text, and a fixed Message-ID and sent date.
 * Also reads back what a relay received.
 */
public final class WireMessage {

	/** The Message-ID every built message carries. */
	public static final String MESSAGE_ID = "<wire-identity.1@shop.example.com>";

	/** The envelope recipients, in the order of To, Cc and Bcc. */
	public static final List<String> RECIPIENTS = List.of("user@example.com", "copy@example.com", "hidden@example.com");

	/** The envelope sender. */
	public static final String FROM = "shop@example.com";

	/** What an SMTP client leaves out of the data, as Angus Mail does. */
	private static final String[] NOT_TRANSMITTED = { "Bcc", "Content-Length" };

	private static final Pattern BOUNDARY = Pattern.compile("(?:\r\n[ \t]| )boundary=\"([^\"]+)\"");

	private WireMessage() {
	}

	/**
	 * Fill the message as an application does with {@link MimeMessageHelper}.
	 * @param message a new message
	 * @throws MessagingException if the helper fails
	 */
	public static void fill(MimeMessage message) throws MessagingException {
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		try {
			helper.setFrom(FROM, "Läden & Co");
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		helper.setTo(RECIPIENTS.get(0));
		helper.setCc(RECIPIENTS.get(1));
		helper.setBcc(RECIPIENTS.get(2));
		helper.setSubject("Grüße, 東京 — naïve");
		helper.setSentDate(new Date(1_800_000_000_000L));
		helper.setText(plainText(), htmlText());
		helper.addInline("logo", new ByteArrayResource(binary(3000, 7)), "image/png");
		helper.addAttachment("Rechnung März.pdf", new ByteArrayResource(binary(5000, 13)), "application/pdf");
		message.setHeader(InfobipHeaders.BULK_ID, "wire-bulk-1");
		message.setHeader(InfobipHeaders.CALLBACK_DATA, "order=42");
		// unencoded, as some applications set it: written as UTF-8
		message.setHeader("X-Shop-Note", "Grüße aus 東京");
		message.setHeader("Message-ID", MESSAGE_ID);
	}

	/**
	 * Return the plain text: non-ASCII, and lines that are a dot, two dots, or start with
	 * dots, which SMTP must stuff.
	 * @return the text
	 */
	public static String plainText() {
		return "Grüße, 東京 — naïve\n.\n..\n.. two dots\n. one dot and a space\n...\nEnde ✓\n";
	}

	/**
	 * Return the HTML text, with lines that start with dots as well.
	 * @return the HTML
	 */
	public static String htmlText() {
		return "<html><body>\n.<p>Grüße, 東京 — naïve</p>\n..<img src=\"cid:logo\">\n.\n</body></html>\n";
	}

	/**
	 * Return bytes of every value, CR, LF and dots among them.
	 * @param length how many
	 * @param step the difference between neighbours
	 * @return the bytes
	 */
	public static byte[] binary(int length, int step) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * step);
		}
		return bytes;
	}

	/**
	 * Return the bytes the message writes as the data of an SMTP transaction, before
	 * dot-stuffing, written by stock Jakarta Mail.
	 * @param message the message, its changes saved
	 * @return the bytes
	 */
	public static byte[] data(MimeMessage message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			message.writeTo(out, NOT_TRANSMITTED);
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Return the message's data as a relay received it, less the Received header the
	 * relay put on top: from the message's own headers on.
	 * @param received what the relay received
	 * @return the bytes
	 */
	public static byte[] ownData(QueuedMessage received) {
		String data = new String(received.bytes(), StandardCharsets.ISO_8859_1);
		String own = data.replaceFirst("(?s)^Received: .*?\r\n(?![ \t])", "");
		if (own.length() == data.length()) {
			throw new IllegalStateException("Relay put no Received header on top");
		}
		return own.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Return bytes as text of one character per byte, to compare them byte for byte with
	 * a readable difference.
	 * @param bytes the bytes
	 * @return the text
	 */
	public static String bytewise(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Return the data with the random MIME boundaries, which differ from one build of the
	 * message to the next, replaced by names numbered in order of appearance. The fold
	 * before a boundary parameter depends on the boundary's length, so it is replaced by
	 * a space.
	 * @param data message data
	 * @return the data, comparable with the data of another build
	 */
	public static String withNumberedBoundaries(byte[] data) {
		String message = new String(data, StandardCharsets.ISO_8859_1);
		List<String> boundaries = new ArrayList<>();
		Matcher matcher = BOUNDARY.matcher(message);
		while (matcher.find()) {
			boundaries.add(matcher.group(1));
		}
		if (boundaries.size() != 3) {
			throw new IllegalStateException("Expected mixed, related and alternative boundaries: " + boundaries);
		}
		message = BOUNDARY.matcher(message).replaceAll(" boundary=\"$1\"");
		for (int i = 0; i < boundaries.size(); i++) {
			message = message.replace(boundaries.get(i), "boundary-" + i);
		}
		return message;
	}

	/**
	 * Return every body part that is not a multipart, in order, as its header lines and
	 * its content as transmitted (still encoded), each as on the wire.
	 * @param data message data
	 * @return the leaf parts
	 */
	public static List<String> leafParts(byte[] data) {
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
					new ByteArrayInputStream(data));
			List<String> parts = new ArrayList<>();
			collectLeaves((MimeMultipart) message.getContent(), parts);
			return parts;
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void collectLeaves(MimeMultipart multipart, List<String> parts)
			throws MessagingException, IOException {
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			Object content = part.getContent();
			if (content instanceof MimeMultipart nested) {
				collectLeaves(nested, parts);
			}
			else {
				MimeBodyPart leaf = (MimeBodyPart) part;
				String headers = String.join("\r\n", Collections.list(leaf.getAllHeaderLines()));
				String raw = new String(leaf.getRawInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
				parts.add(headers + "\r\n\r\n" + raw);
			}
		}
	}

}

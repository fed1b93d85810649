/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.jspecify.annotations.Nullable;

/**
 * Writes messages as the relay receives them, and judges header values by the bytes it
 * writes for them. Header lines are written as {@code MimeBodyPart.writeTo} writes them:
 * as UTF-8, unless the system property {@code mail.mime.allowutf8} is {@code false}, in
 * which case each character is written as its low byte. A header value is safe when none
 * of those bytes is a control other than TAB, and every CR is part of a fold (CRLF, then
 * white space, then text): under UTF-8 only CR and LF themselves give such bytes, while
 * one byte per character turns U+010A into LF.
 *
 * @since 0.1.0
 */
public final class MessageWriter {

	private MessageWriter() {
	}

	/**
	 * Write a message, its changes saved, as the transport writes it, through the same
	 * header line checks.
	 * @param message the message
	 * @param out where to write it
	 * @param ignoredHeaders headers not to write
	 * @param provider the stream provider of the sender's session, so that writing looks
	 * none up
	 * @throws IOException if writing fails, or a header line would break the header block
	 * @throws MessagingException if the message cannot be read
	 */
	public static void writeTo(MimeMessage message, OutputStream out, String[] ignoredHeaders, StreamProvider provider)
			throws IOException, MessagingException {
		HeaderSafeLineOutputStream lines = new HeaderSafeLineOutputStream(out, HeaderSafeLineOutputStream.ALLOW_UTF8);
		new MimePartWriter(provider).writeMessage(message, lines, ignoredHeaders);
		lines.flush();
	}

	/**
	 * Return why a header value must not be written, judged by the bytes it is written
	 * as, or {@code null} if it may.
	 * @param value the header value
	 * @return the problem, for a message that names the header, or {@code null}
	 */
	public static @Nullable String headerValueProblem(String value) {
		return headerValueProblem(value, HeaderSafeLineOutputStream.ALLOW_UTF8);
	}

	static @Nullable String headerValueProblem(String value, boolean utf8) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			// UTF-8 writes every character above US-ASCII as bytes of 0x80 and above
			int written = utf8 ? ((c < 0x80) ? c : 0x80) : (c & 0xFF);
			if (written >= ' ' || written == '\t') {
				continue;
			}
			if (written != c) {
				return "contains a character that would be written as a control byte (such as CR or LF)";
			}
			if (c == '\n') {
				return "contains a line feed that is not part of a folded line";
			}
			if (c != '\r') {
				return "contains a control character";
			}
			// a fold: CRLF, then white space, then something other than white space
			int next = i + 2;
			if (next >= value.length() || value.charAt(i + 1) != '\n' || !isBlank(value.charAt(next))) {
				return "contains a carriage return that is not part of a folded line";
			}
			while (next < value.length() && isBlank(value.charAt(next))) {
				next++;
			}
			if (next >= value.length() || value.charAt(next) == '\r' || value.charAt(next) == '\n') {
				return "contains a blank folded line";
			}
			i = next - 1;
		}
		return null;
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

}

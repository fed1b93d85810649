/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.MimeUtility;
import org.jspecify.annotations.Nullable;

/**
 * Reads the subject of a prepared message from its header block, so that an operator sees
 * what an entry is about without its body ever being read.
 */
final class OutboxSubjects {

	// as long as the ledger's column
	static final int MAX_LENGTH = 998;

	private static final byte[] FIELD = "subject:".getBytes(StandardCharsets.US_ASCII);

	private OutboxSubjects() {
	}

	/**
	 * Return the decoded subject of a message, as written.
	 * @param content the message, headers first
	 * @return the subject, at most {@link #MAX_LENGTH} characters, or {@code null} if it
	 * has none
	 */
	static @Nullable String of(byte[] content) {
		int end = headerEnd(content);
		for (int line = 0; line < end; line = nextLine(content, line, end)) {
			if (startsWithField(content, line)) {
				int start = line + FIELD.length;
				int stop = line;
				// the field and its folded continuation lines
				do {
					stop = nextLine(content, stop, end);
				}
				while (stop < end && (content[stop] == ' ' || content[stop] == '\t'));
				String raw = new String(content, start, stop - start, StandardCharsets.UTF_8).replaceAll("\r?\n", "")
					.strip();
				return OutboxDatabase.truncate(decode(raw), MAX_LENGTH);
			}
		}
		return null;
	}

	private static String decode(String raw) {
		try {
			return MimeUtility.decodeText(raw);
		}
		catch (UnsupportedEncodingException | RuntimeException ex) {
			return raw;
		}
	}

	// the index of the blank line that ends the header block, or the content's length
	private static int headerEnd(byte[] content) {
		for (int line = 0; line < content.length; line = nextLine(content, line, content.length)) {
			if (content[line] == '\r' || content[line] == '\n') {
				return line;
			}
		}
		return content.length;
	}

	private static int nextLine(byte[] content, int from, int end) {
		for (int i = from; i < end; i++) {
			if (content[i] == '\n') {
				return i + 1;
			}
		}
		return end;
	}

	private static boolean startsWithField(byte[] content, int line) {
		if (line + FIELD.length > content.length) {
			return false;
		}
		for (int i = 0; i < FIELD.length; i++) {
			if (Character.toLowerCase(content[line + i]) != FIELD[i]) {
				return false;
			}
		}
		return true;
	}

}

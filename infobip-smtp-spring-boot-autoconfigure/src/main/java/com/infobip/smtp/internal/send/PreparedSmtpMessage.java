/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.util.LineInputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jspecify.annotations.Nullable;

/**
 * A prepared message read back from its bytes, as {@code SMTPMessage} reads it, with its
 * header lines read through the session's stream provider: {@code InternetHeaders.load}
 * looks a provider up for every message it reads (jakartaee/mail-api#861), a scan of
 * every nested jar under {@code java -jar}.
 */
final class PreparedSmtpMessage extends SMTPMessage {

	// InternetHeaders reads the same property, with the same default
	private static final boolean IGNORE_WHITESPACE_LINES = "true"
		.equalsIgnoreCase(System.getProperty("mail.mime.ignorewhitespacelines"));

	PreparedSmtpMessage(Session session, byte[] content) throws MessagingException {
		super(session, new ByteArrayInputStream(content));
	}

	// InternetHeaders.load(InputStream, boolean), line for line; called while the
	// superclass reads the message, when only the superclass's fields are set
	@Override
	protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
		boolean allowUtf8 = "true".equalsIgnoreCase(this.session.getProperty("mail.mime.allowutf8"));
		LineInputStream lines = this.session.getStreamProvider().inputLineStream(in, allowUtf8);
		InternetHeaders headers = new InternetHeaders();
		@Nullable String previous = null;
		StringBuilder folded = new StringBuilder();
		try {
			boolean first = true;
			@Nullable String line;
			do {
				line = lines.readLine();
				if (line != null && (line.startsWith(" ") || line.startsWith("\t"))) {
					// the continuation of a folded header
					if (previous != null) {
						folded.append(previous);
						previous = null;
					}
					if (first) {
						String trimmed = line.trim();
						if (!trimmed.isEmpty()) {
							folded.append(trimmed);
						}
					}
					else {
						if (!folded.isEmpty()) {
							folded.append("\r\n");
						}
						folded.append(line);
					}
				}
				else {
					if (previous != null) {
						headers.addHeaderLine(previous);
					}
					else if (!folded.isEmpty()) {
						headers.addHeaderLine(folded.toString());
						folded.setLength(0);
					}
					previous = line;
				}
				first = false;
			}
			while (line != null && !isEmpty(line));
		}
		catch (IOException ex) {
			throw new MessagingException("Error in input stream", ex);
		}
		return headers;
	}

	private static boolean isEmpty(String line) {
		return line.isEmpty() || (IGNORE_WHITESPACE_LINES && line.trim().isEmpty());
	}

}

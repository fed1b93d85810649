/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import com.infobip.smtp.internal.transport.TextContent;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;

/**
 * Chooses the Content-Transfer-Encoding of text parts built in memory before
 * {@code saveChanges} does, exactly as it would. {@code MimeUtility.getEncoding} writes
 * the whole text through its content handler and a byte-counting stream to choose, which
 * costs about a third of a multipart send; encoding the string once and counting the
 * bytes ({@link TextContent}) gives the same answer at a fraction of the cost. Parts that
 * have an encoding, content from a data source, or a charset other than UTF-8, US-ASCII
 * and ISO-8859-1 are left to Jakarta Mail.
 */
final class TextTransferEncodings {

	// MimeUtility: a line may not be longer than 998 bytes (1000 with CRLF)
	private static final int MAX_LINE_LENGTH = 998;

	private TextTransferEncodings() {
	}

	/**
	 * Set the transfer encoding of every text part of the message built from a string, as
	 * {@code saveChanges} would choose it.
	 * @param part the message or a part of it
	 */
	static void choose(Part part) throws MessagingException {
		if (!(part instanceof MimePart mimePart) || mimePart.getHeader("Content-Transfer-Encoding") != null) {
			return;
		}
		DataHandler handler = part.getDataHandler();
		if (handler == null || !TextContent.isObjectBased(handler)) {
			return;
		}
		Object content;
		try {
			content = handler.getContent();
		}
		catch (Exception ex) {
			// left to saveChanges, which reports it as it always does
			return;
		}
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				choose(multipart.getBodyPart(i));
			}
			return;
		}
		byte[] bytes = TextContent.bytesOf(handler);
		if (bytes != null) {
			mimePart.setHeader("Content-Transfer-Encoding", encoding(bytes));
		}
	}

	/**
	 * Return the encoding {@code MimeUtility.getEncoding} chooses for text of these
	 * bytes: 7bit for US-ASCII in short lines, quoted-printable for mostly US-ASCII or
	 * long lines, base64 otherwise.
	 */
	static String encoding(byte[] bytes) {
		int ascii = 0;
		int nonAscii = 0;
		int lineLength = 0;
		boolean longLine = false;
		for (byte value : bytes) {
			int b = value & 0xFF;
			if (b == '\r' || b == '\n') {
				lineLength = 0;
			}
			else if (++lineLength > MAX_LINE_LENGTH) {
				longLine = true;
			}
			if (b >= 0177 || (b < 040 && b != '\r' && b != '\n' && b != '\t')) {
				nonAscii++;
			}
			else {
				ascii++;
			}
		}
		if (nonAscii == 0) {
			return longLine ? "quoted-printable" : "7bit";
		}
		return (ascii > nonAscii) ? "quoted-printable" : "base64";
	}

}

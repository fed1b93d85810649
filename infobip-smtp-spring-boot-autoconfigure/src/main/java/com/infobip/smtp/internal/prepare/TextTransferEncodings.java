/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

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
 * costs about a third of a multipart send; counting the bytes the string is written as
 * ({@link TextContent}) gives the same answer at a fraction of the cost. Parts that have
 * an encoding, content from a data source, or a charset other than UTF-8, US-ASCII and
 * ISO-8859-1 are left to Jakarta Mail.
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
		TextContent text = TextContent.of(handler);
		if (text != null) {
			mimePart.setHeader("Content-Transfer-Encoding", encoding(text.text(), text.charset()));
		}
	}

	/**
	 * Return the encoding {@code MimeUtility.getEncoding} chooses for the text written in
	 * UTF-8, US-ASCII or ISO-8859-1 ({@link TextContent}): 7bit for US-ASCII in short
	 * lines, quoted-printable for mostly US-ASCII or long lines, base64 otherwise. The
	 * bytes are counted from the characters, as {@code String.getBytes} would write them,
	 * so that the text is encoded once, when it is written.
	 */
	static String encoding(String text, Charset charset) {
		boolean utf8 = charset.equals(StandardCharsets.UTF_8);
		// below it, a character is written as one byte of its value
		int oneByteBelow = charset.equals(StandardCharsets.ISO_8859_1) ? 0x100 : 0x80;
		ByteCounts counts = new ByteCounts();
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < oneByteBelow) {
				counts.add(c);
				continue;
			}
			boolean pair = Character.isHighSurrogate(c) && i + 1 < length
					&& Character.isLowSurrogate(text.charAt(i + 1));
			if (pair) {
				i++;
			}
			if (utf8 && (pair || !Character.isSurrogate(c))) {
				counts.addNonAscii(pair ? 4 : (c < 0x800) ? 2 : 3);
			}
			else {
				// a character the charset lacks, a surrogate pair or an unpaired one
				counts.add('?');
			}
		}
		return counts.encoding();
	}

	/**
	 * The counts {@code MimeUtility.getEncoding} chooses by, byte by byte.
	 */
	private static final class ByteCounts {

		private int ascii;

		private int nonAscii;

		private int lineLength;

		private boolean longLine;

		void add(int b) {
			if (b == '\r' || b == '\n') {
				this.lineLength = 0;
			}
			else if (++this.lineLength > MAX_LINE_LENGTH) {
				this.longLine = true;
			}
			if (b >= 0177 || (b < 040 && b != '\r' && b != '\n' && b != '\t')) {
				this.nonAscii++;
			}
			else {
				this.ascii++;
			}
		}

		void addNonAscii(int bytes) {
			this.nonAscii += bytes;
			this.lineLength += bytes;
			if (this.lineLength > MAX_LINE_LENGTH) {
				this.longLine = true;
			}
		}

		String encoding() {
			if (this.nonAscii == 0) {
				return this.longLine ? "quoted-printable" : "7bit";
			}
			return (this.ascii > this.nonAscii) ? "quoted-printable" : "base64";
		}

	}

}

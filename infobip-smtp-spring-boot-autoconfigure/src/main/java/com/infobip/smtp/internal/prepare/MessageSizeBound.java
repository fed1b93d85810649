/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.Locale;

import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.internal.transport.MessageWriter;
import com.infobip.smtp.internal.transport.TextContent;
import jakarta.activation.DataHandler;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

/**
 * Refuses a message larger than the relay takes. An upper bound of its size is worked out
 * from its parts first, so that a message that cannot be too large is not written out
 * once more only to be measured.
 */
final class MessageSizeBound {

	// a character is at most 3 UTF-8 bytes, each at most "=XX" in quoted-printable,
	// plus soft line breaks: 10 bytes is a safe bound for any transfer encoding
	private static final int MAX_BYTES_PER_CHAR = 10;

	// CRLF "--" boundary (at most 70 characters) CRLF
	private static final int BOUNDARY_LINE = 80;

	private final long maxMessageSize;

	private final StreamProvider streamProvider;

	MessageSizeBound(long maxMessageSize, StreamProvider streamProvider) {
		this.maxMessageSize = maxMessageSize;
		this.streamProvider = streamProvider;
	}

	/**
	 * Refuse the message if it is larger than the maximum size.
	 * @param message the message, its changes saved
	 * @throws InvalidMessageException if it is larger
	 */
	void check(MimeMessage message) throws IOException, MessagingException {
		long bound = sizeBound(message);
		if (bound >= 0 && bound <= this.maxMessageSize) {
			// cannot be too large: spare writing the whole message out once more
			return;
		}
		SizeCountingStream counter = new SizeCountingStream();
		MessageWriter.writeTo(message, counter, MessagePreparation.unsentHeaders(), this.streamProvider);
		if (counter.size > this.maxMessageSize) {
			throw new InvalidMessageException("Message is " + counter.size
					+ " bytes, larger than infobip.smtp.max-message-size (" + this.maxMessageSize + " bytes)");
		}
	}

	/**
	 * Return an upper bound of the size {@code writeTo} gives the part, or -1 when only
	 * writing it out can tell.
	 */
	static long sizeBound(Part part) throws MessagingException, IOException {
		long headers = 0;
		Enumeration<Header> all = part.getAllHeaders();
		while (all.hasMoreElements()) {
			Header header = all.nextElement();
			headers += (header.getName().length() + header.getValue().length() + 4L) * MAX_BYTES_PER_CHAR;
		}
		if (part.getSize() >= 0) {
			// content read from a stream, already encoded
			return headers + part.getSize() + 2;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			long total = headers;
			for (int i = 0; i < multipart.getCount(); i++) {
				long partBound = sizeBound(multipart.getBodyPart(i));
				if (partBound < 0) {
					return -1;
				}
				total += partBound + BOUNDARY_LINE;
			}
			return total + BOUNDARY_LINE;
		}
		if (part.isMimeType("text/*") && part.getContent() instanceof String text) {
			return headers + (long) text.length() * MAX_BYTES_PER_CHAR + 2;
		}
		long content = dataSourceBound(part);
		return (content >= 0) ? headers + content + 2 : -1;
	}

	/**
	 * Bound the content of a part read from a data source, such as an attachment, by
	 * counting its bytes rather than encoding them: by the transfer encoding
	 * {@code saveChanges} chose, or -1 for any other part.
	 */
	private static long dataSourceBound(Part part) throws MessagingException, IOException {
		String[] encodings = part.getHeader("Content-Transfer-Encoding");
		DataHandler handler = part.getDataHandler();
		if (encodings == null || encodings.length != 1 || handler == null || TextContent.isObjectBased(handler)) {
			return -1;
		}
		long bytes;
		try (InputStream in = handler.getDataSource().getInputStream()) {
			bytes = in.transferTo(OutputStream.nullOutputStream());
		}
		return switch (encodings[0].trim().toLowerCase(Locale.ROOT)) {
			// 4 characters for every 3 bytes, CRLF after every 76 characters
			case "base64" -> {
				long characters = (bytes + 2) / 3 * 4;
				yield characters + (characters / 76 + 1) * 2;
			}
			// at most "=XX" for a byte, "=" CRLF after at most 73 characters
			case "quoted-printable" -> bytes * 3 + (bytes * 3 / 73 + 1) * 3;
			case "7bit", "8bit", "binary" -> bytes;
			default -> -1;
		};
	}

	private static final class SizeCountingStream extends OutputStream {

		private long size;

		@Override
		public void write(int b) {
			this.size++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.size += length;
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import com.infobip.smtp.InvalidMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.Locale;

import com.infobip.smtp.internal.transport.MessageWriter;
import com.infobip.smtp.internal.transport.TextContent;
import jakarta.activation.DataHandler;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * Walks a message's part tree once for what every part is checked for: its header lines,
 * and an upper bound of its size for {@link MessageSizeBound}. Content set as an object
 * (a multipart, a string) is looked at; a data source is only counted, and parts read
 * from a stream are sent as read, so their content is not walked.
 */
final class PartTreeChecks {

	// a character is at most 3 UTF-8 bytes, each at most "=XX" in quoted-printable
	private static final int HEADER_BYTES_PER_CHAR = 10;

	// a character of a text is at most 9 bytes in any charset of the JDK (ISO-2022-JP-2
	// between shifts), each at most "=XX" in quoted-printable, with its share of soft
	// line breaks: 29 is a safe bound for any transfer encoding
	private static final int TEXT_BYTES_PER_CHAR = 29;

	// CRLF "--" boundary (at most 70 characters) CRLF
	private static final int BOUNDARY_LINE = 80;

	private PartTreeChecks() {
	}

	/**
	 * Refuse any header, of the part or of a part built in memory below it, that would
	 * put a line break other than a fold, or another control byte, on the wire, judged by
	 * the bytes the header is written as ({@link MessageWriter}); and bound the part's
	 * size.
	 * @param part the message or a part of it, its changes saved
	 * @return an upper bound of the size {@code writeTo} gives the part, or -1 when only
	 * writing it out can tell
	 * @throws InvalidMessageException if a header must not be sent
	 */
	static long checkAndBound(Part part) throws MessagingException, IOException {
		long headers = 0;
		Enumeration<Header> all = part.getAllHeaders();
		while (all.hasMoreElements()) {
			Header header = all.nextElement();
			checkHeaderLine(header);
			headers += (header.getName().length() + header.getValue().length() + 4L) * HEADER_BYTES_PER_CHAR;
		}
		if (part.getSize() >= 0) {
			// content read from a stream, already encoded
			return headers + part.getSize() + 2;
		}
		DataHandler handler = part.getDataHandler();
		Object content = (handler != null && TextContent.isObjectBased(handler)) ? handler.getContent() : null;
		if (content instanceof Multipart multipart) {
			long total = headers;
			for (int i = 0; i < multipart.getCount(); i++) {
				// every part's headers are checked, even once the size is unknown
				long partBound = checkAndBound(multipart.getBodyPart(i));
				total = (total < 0 || partBound < 0) ? -1 : total + partBound + BOUNDARY_LINE;
			}
			return (total < 0) ? -1 : total + BOUNDARY_LINE;
		}
		if (content instanceof String text && isText(part)) {
			return headers + (long) text.length() * TEXT_BYTES_PER_CHAR + 2;
		}
		long bound = (content == null && handler != null) ? dataSourceBound(part, handler) : -1;
		return (bound >= 0) ? headers + bound + 2 : -1;
	}

	private static void checkHeaderLine(Header header) {
		if (!isHeaderName(header.getName())) {
			throw new InvalidMessageException("Header name '" + printable(header.getName())
					+ "' is not a valid header name (printable US-ASCII without ':')");
		}
		String problem = MessageWriter.headerValueProblem(header.getValue());
		if (problem != null) {
			throw new InvalidMessageException("Header " + header.getName() + " " + problem
					+ ": it would break the header block or put control bytes on the wire");
		}
	}

	private static boolean isHeaderName(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c <= ' ' || c > '~' || c == ':') {
				return false;
			}
		}
		return true;
	}

	private static String printable(String text) {
		StringBuilder builder = new StringBuilder(text.length());
		text.codePoints()
			.forEach((c) -> builder
				.append((c >= ' ' && c <= '~') ? Character.toString(c) : String.format("\\u%04X", c)));
		return builder.toString();
	}

	/**
	 * Return {@code part.isMimeType("text/*")}, without parsing the common
	 * {@code text/<subtype>[;…]}: whatever its parameters, Jakarta Mail reads that as
	 * text.
	 */
	private static boolean isText(Part part) throws MessagingException {
		String type = part.getContentType();
		if (type != null && type.regionMatches(true, 0, "text/", 0, 5)) {
			int end = 5;
			while (end < type.length() && isTokenChar(type.charAt(end))) {
				end++;
			}
			if (end > 5 && (end == type.length() || type.charAt(end) == ';')) {
				return true;
			}
		}
		return part.isMimeType("text/*");
	}

	// a character of a MIME token (RFC 2045), as Jakarta Mail's HeaderTokenizer reads it
	private static boolean isTokenChar(char c) {
		return c > ' ' && c < 0177 && "()<>@,;:\\\"\t []/?=".indexOf(c) < 0;
	}

	/**
	 * Bound the content of a part read from a data source, such as an attachment, by
	 * counting its bytes rather than encoding them: by the transfer encoding
	 * {@code saveChanges} chose, or -1 for any other.
	 */
	private static long dataSourceBound(Part part, DataHandler handler) throws MessagingException, IOException {
		String[] encodings = part.getHeader("Content-Transfer-Encoding");
		if (encodings == null || encodings.length != 1) {
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

}

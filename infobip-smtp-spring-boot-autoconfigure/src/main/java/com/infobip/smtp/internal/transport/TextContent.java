/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.jspecify.annotations.Nullable;

/**
 * The content of a text part built from a string ({@code setText}, {@code setContent}
 * with a string) and the charset it is written in. Angus Mail's text content handler
 * writes the string through an {@code OutputStreamWriter} in the charset of the part's
 * type, US-ASCII if it names none. For UTF-8, US-ASCII and ISO-8859-1,
 * {@code String.getBytes} gives exactly those bytes (both replace what they cannot encode
 * with the charset's replacement), without the content handler's look-ups (MIME type,
 * command map) and the writer's buffers on every part. Any other part, or charset, is
 * left to the content handler.
 *
 * @param text the part's string
 * @param charset the charset it is written in: UTF-8, US-ASCII or ISO-8859-1
 * @since 0.1.0
 */
public record TextContent(String text, Charset charset) {

	private static final Set<Charset> CHARSETS = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
			StandardCharsets.ISO_8859_1);

	/**
	 * Return the content of the part, or {@code null} when only its content handler can
	 * tell how it is written.
	 * @param handler the part's data handler
	 * @return the content, or {@code null}
	 */
	public static @Nullable TextContent of(DataHandler handler) {
		String text = textOf(handler);
		Charset charset = (text != null) ? charsetOf(handler) : null;
		return (charset != null) ? new TextContent(text, charset) : null;
	}

	/**
	 * Write the part's content as its content handler would, or return {@code false} when
	 * only the content handler can.
	 * @param handler the part's data handler
	 * @param out where to write it, before any transfer encoding
	 * @return whether it was written
	 * @throws IOException if writing fails
	 */
	static boolean writeTo(DataHandler handler, OutputStream out) throws IOException {
		TextContent content = of(handler);
		if (content == null) {
			return false;
		}
		out.write(content.text.getBytes(content.charset));
		return true;
	}

	@Override
	public String toString() {
		// the text is the message's body
		return "TextContent[length=" + this.text.length() + ", charset=" + this.charset + "]";
	}

	private static @Nullable String textOf(DataHandler handler) {
		if (!isObjectBased(handler)) {
			return null;
		}
		try {
			return (handler.getContent() instanceof String text) ? text : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static @Nullable Charset charsetOf(DataHandler handler) {
		try {
			ContentType type = new ContentType(handler.getContentType());
			return type.match("text/*") ? charset(type) : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/**
	 * Return whether the handler holds an object (a string, a multipart) rather than a
	 * data source, whose bytes are written as they are. Jakarta Activation wraps such an
	 * object in its package-private DataHandlerDataSource.
	 * @param handler a part's data handler
	 * @return whether its content is an object
	 */
	public static boolean isObjectBased(DataHandler handler) {
		return handler.getName() == null
				&& handler.getDataSource().getClass().getName().equals("jakarta.activation.DataHandlerDataSource");
	}

	private static @Nullable Charset charset(ContentType type) {
		String name = type.getParameter("charset");
		try {
			Charset charset = Charset.forName(MimeUtility.javaCharset((name != null) ? name : "us-ascii"));
			return CHARSETS.contains(charset) ? charset : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

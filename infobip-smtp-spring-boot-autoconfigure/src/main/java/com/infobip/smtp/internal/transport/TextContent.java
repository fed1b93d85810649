/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a text part built from a string ({@code setText}, {@code setContent} with
 * a string), as Angus Mail's text content handler writes them: the string through an
 * {@code OutputStreamWriter} in the charset of the part's type, US-ASCII if it names
 * none. For UTF-8, US-ASCII and ISO-8859-1, {@code String.getBytes} writes exactly those
 * bytes (both replace what they cannot encode with the charset's replacement), without
 * the content handler's look-ups (MIME type, command map, writer) on every part. Any
 * other part, or charset, is left to the content handler.
 *
 * @since 0.1.0
 */
public final class TextContent {

	private static final Set<Charset> CHARSETS = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
			StandardCharsets.ISO_8859_1);

	private TextContent() {
	}

	/**
	 * Return the bytes the part's content is written as, before any transfer encoding, or
	 * {@code null} when only its content handler can tell.
	 * @param handler the part's data handler
	 * @return the bytes, or {@code null}
	 */
	public static byte @Nullable [] bytesOf(DataHandler handler) {
		if (!isObjectBased(handler)) {
			return null;
		}
		try {
			if (!(handler.getContent() instanceof String text)) {
				return null;
			}
			ContentType type = new ContentType(handler.getContentType());
			Charset charset = type.match("text/*") ? charset(type) : null;
			return (charset != null) ? text.getBytes(charset) : null;
		}
		catch (ParseException ex) {
			return null;
		}
		catch (java.io.IOException ex) {
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

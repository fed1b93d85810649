/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
 * none. For UTF-8, US-ASCII and ISO-8859-1 they are written here with such a writer,
 * without the content handler's look-ups (MIME type, command map) on every part, and
 * {@code String.getBytes} gives exactly those bytes (both replace what they cannot encode
 * with the charset's replacement). Any other part, or charset, is left to the content
 * handler.
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
		String text = textOf(handler);
		Charset charset = (text != null) ? charsetOf(handler) : null;
		return (charset != null) ? text.getBytes(charset) : null;
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
		String text = textOf(handler);
		Charset charset = (text != null) ? charsetOf(handler) : null;
		if (charset == null) {
			return false;
		}
		// as the handler writes it: a writer that does not close the stream below
		Writer writer = new OutputStreamWriter(new FilterOutputStream(out) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
			}

			@Override
			public void close() {
				// the part's writer flushes the stream once the content is written
			}

		}, charset);
		writer.write(text);
		writer.close();
		return true;
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

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Enumeration;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.LineOutputStream;
import jakarta.mail.util.StreamProvider;
import org.jspecify.annotations.Nullable;

/**
 * Writes a message byte for byte as {@code MimeBodyPart.writeTo} writes it, with the
 * stream provider the sender's session got once. jakarta.mail-api 2.1 looks its provider
 * up again for every part it writes ({@code MimeUtility.encode}), which under
 * {@code java -jar} scans every nested jar (jakartaee/mail-api#861).
 * <p>
 * Only what Jakarta Mail writes the same way for every such object is written here: a
 * message or body part of a class that does not override {@code writeTo}, whose content
 * was set (a string, a multipart, a data source) rather than read from a stream, and a
 * {@code MimeMultipart} with parts and no preamble. A text part's string is written as
 * {@link TextContent} writes it, and quoted-printable by {@link QuotedPrintableEncoder}
 * when the provider is Angus Mail's. Anything else is written by Jakarta Mail itself;
 * content read from a stream costs no look-up there, as it is copied as it was read.
 */
final class MimePartWriter {

	// MimeBodyPart reads the same property, with the same default
	private static final boolean IGNORE_MULTIPART_ENCODING = !"false"
		.equalsIgnoreCase(System.getProperty("mail.mime.ignoremultipartencoding"));

	private static final ClassValue<Boolean> WRITES_AS_JAKARTA = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return inheritsWriteTo(type, MimeMessage.class, String[].class) && inheritsWriteTo(type, MimeBodyPart.class)
					&& inheritsWriteTo(type, MimeMultipart.class);
		}

	};

	private final StreamProvider provider;

	// QuotedPrintableEncoder writes what Angus Mail's provider's encoder writes
	private final boolean angusProvider;

	MimePartWriter(StreamProvider provider) {
		this.provider = provider;
		this.angusProvider = provider.getClass().getName().equals("org.eclipse.angus.mail.util.MailStreamProvider");
	}

	/**
	 * Write a message, its changes saved, as {@code message.writeTo(out, ignoredHeaders)}
	 * would.
	 */
	void writeMessage(MimeMessage message, OutputStream out, String @Nullable [] ignoredHeaders)
			throws IOException, MessagingException {
		// a saved message whose content was set is written by MimeBodyPart.writeTo
		if (WRITES_AS_JAKARTA.get(message.getClass()) && !isReadFromStream(message.getDataHandler())) {
			writePart(message, out, ignoredHeaders);
		}
		else {
			message.writeTo(out, ignoredHeaders);
		}
	}

	// MimeBodyPart.writeTo(MimePart, OutputStream, String[])
	private void writePart(MimePart part, OutputStream out, String @Nullable [] ignoredHeaders)
			throws IOException, MessagingException {
		LineOutputStream lines = (out instanceof LineOutputStream lineStream) ? lineStream
				: this.provider.outputLineStream(out, HeaderSafeLineOutputStream.ALLOW_UTF8);
		Enumeration<String> headerLines = part.getNonMatchingHeaderLines(ignoredHeaders);
		while (headerLines.hasMoreElements()) {
			lines.writeln(headerLines.nextElement());
		}
		lines.writeln();
		DataHandler handler = part.getDataHandler();
		OutputStream content = encode(out, restrictEncoding(part, part.getEncoding()));
		writeContent(handler, content);
		// completes the encoding
		content.flush();
	}

	// DataHandler.writeTo(OutputStream); a data source is copied by it as it is, and is
	// not asked for its content, which would open a stream on it that nobody closes
	private void writeContent(DataHandler handler, OutputStream out) throws IOException, MessagingException {
		if (TextContent.writeTo(handler, out)) {
			return;
		}
		if (TextContent.isObjectBased(handler) && handler.getContent() instanceof MimeMultipart multipart
				&& WRITES_AS_JAKARTA.get(multipart.getClass()) && multipart.getCount() > 0
				&& multipart.getPreamble() == null) {
			// what the multipart content handler does, with each part written here
			writeMultipart(multipart, out);
			return;
		}
		handler.writeTo(out);
	}

	// MimeMultipart.writeTo(OutputStream)
	private void writeMultipart(MimeMultipart multipart, OutputStream out) throws IOException, MessagingException {
		String boundary = "--" + new ContentType(multipart.getContentType()).getParameter("boundary");
		LineOutputStream lines = this.provider.outputLineStream(out, false);
		for (int i = 0; i < multipart.getCount(); i++) {
			lines.writeln(boundary);
			BodyPart part = multipart.getBodyPart(i);
			if (part instanceof MimeBodyPart bodyPart && WRITES_AS_JAKARTA.get(part.getClass())
					&& !isReadFromStream(part.getDataHandler())) {
				writePart(bodyPart, out, null);
			}
			else {
				part.writeTo(out);
			}
			lines.writeln();
		}
		lines.writeln(boundary + "--");
	}

	/**
	 * Return whether the part's content is the bytes it was read from (its data handler
	 * is Jakarta Mail's package-private MimePartDataHandler), which Jakarta Mail copies
	 * as they are, with no look-up, when they have a transfer encoding.
	 */
	private static boolean isReadFromStream(DataHandler handler) {
		return handler.getClass().getName().equals("jakarta.mail.internet.MimeBodyPart$MimePartDataHandler");
	}

	// MimeUtility.encode(OutputStream, String), with this writer's provider
	private OutputStream encode(OutputStream out, @Nullable String encoding) throws MessagingException {
		if (encoding == null) {
			return out;
		}
		if (encoding.equalsIgnoreCase("base64")) {
			return this.provider.outputBase64(out);
		}
		if (encoding.equalsIgnoreCase("quoted-printable")) {
			return this.angusProvider ? new QuotedPrintableEncoder(out) : this.provider.outputQP(out);
		}
		if (encoding.equalsIgnoreCase("uuencode") || encoding.equalsIgnoreCase("x-uuencode")
				|| encoding.equalsIgnoreCase("x-uue")) {
			return this.provider.outputUU(out, null);
		}
		if (encoding.equalsIgnoreCase("binary") || encoding.equalsIgnoreCase("7bit")
				|| encoding.equalsIgnoreCase("8bit")) {
			return this.provider.outputBinary(out);
		}
		throw new MessagingException("Unknown encoding: " + encoding);
	}

	// MimeBodyPart.restrictEncoding: a multipart or message part is only ever written
	// as it is, whatever its Content-Transfer-Encoding says
	private static @Nullable String restrictEncoding(MimePart part, @Nullable String encoding)
			throws MessagingException {
		if (!IGNORE_MULTIPART_ENCODING || encoding == null || encoding.equalsIgnoreCase("7bit")
				|| encoding.equalsIgnoreCase("8bit") || encoding.equalsIgnoreCase("binary")) {
			return encoding;
		}
		String type = part.getContentType();
		if (type == null) {
			return encoding;
		}
		try {
			ContentType contentType = new ContentType(type);
			if (contentType.match("multipart/*")) {
				return null;
			}
			if (contentType.match("message/*")
					&& !"true".equalsIgnoreCase(System.getProperty("mail.mime.allowencodedmessages"))) {
				return null;
			}
		}
		catch (ParseException ex) {
			// written with its encoding, as Jakarta Mail does
		}
		return encoding;
	}

	/**
	 * Return whether the type, if it is a subclass of {@code base}, inherits
	 * {@code base}'s {@code writeTo(OutputStream[, String[]])}.
	 */
	private static boolean inheritsWriteTo(Class<?> type, Class<?> base, Class<?>... more) {
		if (!base.isAssignableFrom(type)) {
			return true;
		}
		Class<?>[] parameters = new Class<?>[more.length + 1];
		parameters[0] = OutputStream.class;
		System.arraycopy(more, 0, parameters, 1, more.length);
		try {
			return type.getMethod("writeTo", parameters).getDeclaringClass() == base;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}

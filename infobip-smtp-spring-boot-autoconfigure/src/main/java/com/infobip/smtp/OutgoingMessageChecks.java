/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import com.infobip.smtp.internal.transport.MessageWriter;
import com.infobip.smtp.internal.transport.SmtpEnvelope;
import jakarta.activation.DataHandler;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * Readies a message for the relay and refuses, before any connection is opened, what the
 * relay must not see: no sender, no recipient, an envelope address that would not be
 * written as checked or a sender domain that is not allowed, an Infobip header with a bad
 * value, or a message larger than the relay takes.
 */
final class OutgoingMessageChecks {

	private static final String[] UNSENT_HEADERS = { "Bcc", "Content-Length" };

	// a character is at most 3 UTF-8 bytes, each at most "=XX" in quoted-printable,
	// plus soft line breaks: 10 bytes is a safe bound for any transfer encoding
	private static final int MAX_BYTES_PER_CHAR = 10;

	// CRLF "--" boundary (at most 70 characters) CRLF
	private static final int BOUNDARY_LINE = 80;

	private final @Nullable InternetAddress defaultFrom;

	private final long maxMessageSize;

	private final EnvelopeChecks envelopeChecks;

	private final List<InfobipMessagePostProcessor> postProcessors;

	private final SentDates sentDates = new SentDates();

	OutgoingMessageChecks(@Nullable InternetAddress defaultFrom, long maxMessageSize,
			Collection<String> allowedSenderDomains, List<InfobipMessagePostProcessor> postProcessors) {
		this.defaultFrom = defaultFrom;
		this.maxMessageSize = maxMessageSize;
		this.envelopeChecks = new EnvelopeChecks(allowedSenderDomains);
		this.postProcessors = List.copyOf(postProcessors);
	}

	/**
	 * Apply the default sender and the post-processors, save the message's changes and
	 * check it.
	 * @param message the message to send
	 * @return its envelope
	 * @throws InvalidMessageException if the message must not be sent
	 */
	SmtpEnvelope prepare(MimeMessage message) {
		try {
			if (message.getHeader("From") == null && this.defaultFrom != null) {
				message.setFrom(this.defaultFrom);
			}
			for (InfobipMessagePostProcessor postProcessor : this.postProcessors) {
				postProcessor.postProcess(message);
			}
			checkInfobipHeaders(message);
			saveChanges(message);
			checkMessageId(message);
			checkHeaderLines(message);
			SmtpEnvelope envelope = this.envelopeChecks.of(message);
			checkSize(message);
			return envelope;
		}
		catch (InvalidHeaderException ex) {
			throw new InvalidMessageException(ex.getMessage(), ex);
		}
		catch (MessagingException | IOException ex) {
			throw new InvalidMessageException("Message could not be prepared: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Check a message prepared earlier, as {@link #prepare} did, without changing it: it
	 * may have been stored, so it is trusted no more than a new one.
	 * @param message the message, read from its prepared bytes, with its envelope sender
	 * @param recipients its stored envelope recipients
	 * @return its envelope
	 * @throws InvalidMessageException if the message must not be sent
	 */
	SmtpEnvelope checkPrepared(MimeMessage message, List<String> recipients) {
		try {
			checkInfobipHeaders(message);
			checkMessageId(message);
			checkHeaderLines(message);
			SmtpEnvelope envelope = this.envelopeChecks.ofPrepared(message, recipients);
			checkSize(message);
			return envelope;
		}
		catch (InvalidHeaderException ex) {
			throw new InvalidMessageException(ex.getMessage(), ex);
		}
		catch (MessagingException | IOException ex) {
			throw new InvalidMessageException("Prepared message could not be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the headers the relay must not receive.
	 * @return the header names
	 */
	static String[] unsentHeaders() {
		return UNSENT_HEADERS.clone();
	}

	// a Message-ID cannot be folded: its line must fit as it is
	private static void checkMessageId(MimeMessage message) throws MessagingException {
		String messageId = message.getHeader("Message-ID", null);
		if (messageId != null && "Message-ID: ".length() + messageId.length() > InfobipHeaders.MAX_LINE_LENGTH) {
			throw new InvalidMessageException(
					"Header Message-ID is " + messageId.length() + " characters, longer than fits on one header line ("
							+ InfobipHeaders.MAX_LINE_LENGTH + " characters, RFC 5322)");
		}
	}

	private void checkInfobipHeaders(MimeMessage message) throws MessagingException {
		Enumeration<Header> headers = message.getAllHeaders();
		while (headers.hasMoreElements()) {
			Header header = headers.nextElement();
			if (InfobipHeaders.isInfobipHeader(header.getName())) {
				InfobipHeaders.checkValue(header.getName(), header.getValue());
			}
		}
	}

	/**
	 * Refuse any header, of the message or of a part built in memory, that would put a
	 * line break other than a fold, or another control byte, on the wire, judged by the
	 * bytes the header is written as ({@link MessageWriter}). Parts read from a stream
	 * are sent as read, so their headers cannot change the header block.
	 */
	private static void checkHeaderLines(Part part) throws MessagingException, IOException {
		Enumeration<Header> headers = part.getAllHeaders();
		while (headers.hasMoreElements()) {
			Header header = headers.nextElement();
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
		if (part.getSize() < 0 && part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				checkHeaderLines(multipart.getBodyPart(i));
			}
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

	private void saveChanges(MimeMessage message) throws MessagingException {
		// keep a Message-ID the caller set, as JavaMailSenderImpl does
		String messageId = message.getMessageID();
		// an unparseable Date is replaced, as JavaMailSenderImpl does; only an existing
		// one is parsed, under Jakarta Mail's JVM-wide date format lock
		if (message.getHeader("Date", null) == null || message.getSentDate() == null) {
			message.setHeader("Date", this.sentDates.now());
		}
		TextTransferEncodings.choose(message);
		message.saveChanges();
		if (messageId != null) {
			message.setHeader("Message-ID", messageId);
		}
	}

	private void checkSize(MimeMessage message) throws IOException, MessagingException {
		long bound = sizeBound(message);
		if (bound >= 0 && bound <= this.maxMessageSize) {
			// cannot be too large: spare writing the whole message out once more
			return;
		}
		SizeCountingStream counter = new SizeCountingStream();
		MessageWriter.writeTo(message, counter, UNSENT_HEADERS);
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
		if (encodings == null || encodings.length != 1 || handler == null
				|| TextTransferEncodings.isObjectBased(handler)) {
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

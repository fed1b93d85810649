/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipMessagePostProcessor;
import com.infobip.smtp.InvalidMessageException;
import java.io.IOException;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;

import com.infobip.smtp.internal.transport.SmtpEnvelope;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.jspecify.annotations.Nullable;

/**
 * Readies a message for the relay and refuses, before any connection is opened, what the
 * relay must not see: no sender, no recipient, an envelope address that would not be
 * written as checked or a sender domain that is not allowed, an Infobip header with a bad
 * value, or a message larger than the relay takes.
 */
public final class MessagePreparation {

	private static final String[] UNSENT_HEADERS = { "Bcc", "Content-Length" };

	private final @Nullable InternetAddress defaultFrom;

	private final MessageSizeBound sizeBound;

	private final EnvelopeChecks envelopeChecks;

	private final List<InfobipMessagePostProcessor> postProcessors;

	private final SentDates sentDates = new SentDates();

	/**
	 * Create the preparation.
	 * @param defaultFrom the From of a message that has none, or {@code null}
	 * @param maxMessageSize the largest message sent, in bytes
	 * @param allowedSenderDomains the domains a sender may use, empty for any
	 * @param postProcessors applied, in order, to every message
	 * @param streamProvider the sender's session's stream provider, for measuring a
	 * message by writing it
	 */
	public MessagePreparation(@Nullable InternetAddress defaultFrom, long maxMessageSize,
			Collection<String> allowedSenderDomains, List<InfobipMessagePostProcessor> postProcessors,
			StreamProvider streamProvider) {
		this.defaultFrom = defaultFrom;
		this.sizeBound = new MessageSizeBound(maxMessageSize, streamProvider);
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
	public SmtpEnvelope prepare(MimeMessage message) {
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
			long bound = PartTreeChecks.checkAndBound(message);
			SmtpEnvelope envelope = this.envelopeChecks.of(message);
			this.sizeBound.check(message, bound);
			return envelope;
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
	public SmtpEnvelope checkPrepared(MimeMessage message, List<String> recipients) {
		try {
			checkInfobipHeaders(message);
			checkMessageId(message);
			long bound = PartTreeChecks.checkAndBound(message);
			SmtpEnvelope envelope = this.envelopeChecks.ofPrepared(message, recipients);
			this.sizeBound.check(message, bound);
			return envelope;
		}
		catch (MessagingException | IOException ex) {
			throw new InvalidMessageException("Prepared message could not be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the headers the relay must not receive.
	 * @return the header names
	 */
	public static String[] unsentHeaders() {
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

}

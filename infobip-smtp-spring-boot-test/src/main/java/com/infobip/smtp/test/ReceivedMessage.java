/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import com.infobip.smtp.InfobipHeaders;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A message as the {@link InfobipSmtpTestRelay} received it: its envelope, the parsed
 * message, its Infobip headers and the message id the relay answered with.
 *
 * @since 0.1.0
 */
public final class ReceivedMessage {

	private static final Session SESSION = Session.getInstance(new Properties());

	private final String envelopeSender;

	private final List<String> envelopeRecipients;

	private final byte[] data;

	private final MimeMessage mimeMessage;

	private final String messageId;

	private final @Nullable String authenticatedUser;

	private final boolean tls;

	ReceivedMessage(String envelopeSender, List<String> envelopeRecipients, byte[] data, String messageId,
			@Nullable String authenticatedUser, boolean tls) {
		this.envelopeSender = envelopeSender;
		this.envelopeRecipients = List.copyOf(envelopeRecipients);
		this.data = data;
		this.messageId = messageId;
		this.authenticatedUser = authenticatedUser;
		this.tls = tls;
		try {
			this.mimeMessage = new MimeMessage(SESSION, new ByteArrayInputStream(data));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("The relay received a message it cannot parse", ex);
		}
	}

	/**
	 * Return the envelope sender (MAIL FROM).
	 * @return the envelope sender, empty for a null reverse path
	 */
	public String envelopeSender() {
		return this.envelopeSender;
	}

	/**
	 * Return the envelope recipients the relay accepted (RCPT TO), in order.
	 * @return the recipients
	 */
	public List<String> envelopeRecipients() {
		return this.envelopeRecipients;
	}

	/**
	 * Return the message as parsed from the data received.
	 * @return the message
	 */
	public MimeMessage mimeMessage() {
		return this.mimeMessage;
	}

	/**
	 * Return the data as received, dot-unstuffed, decoded as UTF-8.
	 * @return the raw message
	 */
	public String rawContent() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

	/**
	 * Return the first value of a header.
	 * @param name the header name, case-insensitive
	 * @return the value, or {@code null} when the message has no such header
	 */
	public @Nullable String header(String name) {
		try {
			return this.mimeMessage.getHeader(name, null);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return Infobip's message id, which the relay answered with ("250 2.6.0 Message
	 * queued as &lt;id&gt;"), {@code InfobipSendResult.messageId()} returns for the send
	 * and delivery reports carry. Not the {@code Message-ID} header, which
	 * {@link #header(String) header("Message-ID")} returns.
	 * @return the message id
	 */
	public String messageId() {
		return this.messageId;
	}

	/**
	 * Return the user the session authenticated as ("App" for an API key).
	 * @return the user, or {@code null} when the session did not authenticate
	 */
	public @Nullable String authenticatedUser() {
		return this.authenticatedUser;
	}

	/**
	 * Return whether the message came over TLS (after STARTTLS or on implicit TLS).
	 * @return whether TLS was on
	 */
	public boolean tls() {
		return this.tls;
	}

	/**
	 * Return the {@code X-IB-bulk-id} header.
	 * @return the bulk id, or {@code null}
	 */
	public @Nullable String bulkId() {
		return header(InfobipHeaders.BULK_ID);
	}

	/**
	 * Return the {@code X-IB-notify-url} header.
	 * @return the URL delivery reports go to, or {@code null}
	 */
	public @Nullable String notifyUrl() {
		return header(InfobipHeaders.NOTIFY_URL);
	}

	/**
	 * Return the {@code X-IB-tracking-url} header.
	 * @return the URL tracking events go to, or {@code null}
	 */
	public @Nullable String trackingUrl() {
		return header(InfobipHeaders.TRACKING_URL);
	}

	/**
	 * Return the {@code X-IB-notify-content-type} header.
	 * @return {@code application/json}, {@code application/xml} or {@code null}
	 */
	public @Nullable String notifyContentType() {
		return header(InfobipHeaders.NOTIFY_CONTENT_TYPE);
	}

	/**
	 * Return the {@code X-IB-intermediate-report} header, typed.
	 * @return whether intermediate reports were asked for, or {@code null} without the
	 * header
	 */
	public @Nullable Boolean intermediateReport() {
		String value = header(InfobipHeaders.INTERMEDIATE_REPORT);
		return (value != null) ? Boolean.valueOf(value.trim()) : null;
	}

	/**
	 * Return the {@code X-IB-callback-data} header.
	 * @return the callback data, or {@code null}
	 */
	public @Nullable String callbackData() {
		return header(InfobipHeaders.CALLBACK_DATA);
	}

	@Override
	public String toString() {
		String subject;
		try {
			subject = this.mimeMessage.getSubject();
		}
		catch (MessagingException ex) {
			subject = "?";
		}
		return "ReceivedMessage[messageId=" + this.messageId + ", from=" + this.envelopeSender + ", to="
				+ this.envelopeRecipients + ", subject=" + subject + "]";
	}

}

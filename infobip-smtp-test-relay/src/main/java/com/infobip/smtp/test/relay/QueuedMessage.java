/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message as an {@link SmtpTestRelay} queued it: its envelope, its data as received and
 * the message id the relay answered with.
 *
 * @since 0.1.0
 */
public final class QueuedMessage {

	private final String from;

	private final List<String> recipients;

	private final byte[] bytes;

	private final String messageId;

	private final @Nullable String authenticatedUser;

	private final boolean tls;

	QueuedMessage(String from, List<String> recipients, byte[] bytes, String messageId,
			@Nullable String authenticatedUser, boolean tls) {
		this.from = from;
		this.recipients = List.copyOf(recipients);
		this.bytes = bytes;
		this.messageId = messageId;
		this.authenticatedUser = authenticatedUser;
		this.tls = tls;
	}

	/**
	 * Return the envelope sender (MAIL FROM).
	 * @return the sender, empty for a null reverse path
	 */
	public String from() {
		return this.from;
	}

	/**
	 * Return the envelope recipients the relay accepted (RCPT TO), in order.
	 * @return the recipients
	 */
	public List<String> recipients() {
		return this.recipients;
	}

	/**
	 * Return the data as received, dot-unstuffed, with the {@code Received} header the
	 * relay put on top.
	 * @return a copy of the bytes
	 */
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/**
	 * Return the {@link #bytes() data} decoded as UTF-8.
	 * @return the data as text
	 */
	public String text() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	/**
	 * Return the lines of the header block, as bytes on the wire split at CRLF.
	 * @return the header lines, the relay's {@code Received} header and folded
	 * continuation lines included
	 */
	public List<String> headerLines() {
		String block = new String(this.bytes, StandardCharsets.ISO_8859_1);
		int end = block.indexOf("\r\n\r\n");
		return List.of(block.substring(0, (end >= 0) ? end : block.length()).split("\r\n", -1));
	}

	/**
	 * Return the message id the relay answered with ("250 2.6.0 Message queued as
	 * &lt;id&gt;"): Infobip's message id, which delivery reports carry.
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

	@Override
	public String toString() {
		return "QueuedMessage[messageId=" + this.messageId + ", from=" + this.from + ", to=" + this.recipients
				+ ", bytes=" + this.bytes.length + "]";
	}

}

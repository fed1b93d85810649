/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A message readied for the relay by {@link InfobipMailSender#prepare}, to be sent later,
 * possibly by another process, with {@link InfobipMailSender#sendPrepared}: its MIME
 * bytes as the relay will receive them (defaults and post-processors applied, Bcc
 * removed) and its envelope. Immutable.
 *
 * @since 0.1.0
 */
public final class InfobipPreparedMessage {

	private final @Nullable String envelopeFrom;

	private final List<String> recipients;

	private final byte[] content;

	private final @Nullable String messageIdHeader;

	private final @Nullable String bulkId;

	/**
	 * Create a prepared message, for example from what was stored of one.
	 * @param envelopeFrom the envelope sender, or {@code null} to take it from the
	 * message's From
	 * @param recipients the envelope recipients (To, Cc and Bcc)
	 * @param content the message's MIME bytes
	 * @param messageIdHeader its Message-ID header
	 * @param bulkId its X-IB-bulk-id header
	 */
	public InfobipPreparedMessage(@Nullable String envelopeFrom, List<String> recipients, byte[] content,
			@Nullable String messageIdHeader, @Nullable String bulkId) {
		if (recipients.isEmpty()) {
			throw new IllegalArgumentException("A prepared message needs at least one recipient");
		}
		this.envelopeFrom = envelopeFrom;
		this.recipients = List.copyOf(recipients);
		this.content = content.clone();
		this.messageIdHeader = messageIdHeader;
		this.bulkId = bulkId;
	}

	/**
	 * Return the envelope sender, when it differs from the message's From.
	 * @return the envelope sender, or {@code null}
	 */
	public @Nullable String envelopeFrom() {
		return this.envelopeFrom;
	}

	/**
	 * Return the envelope recipients.
	 * @return the recipients, in order
	 */
	public List<String> recipients() {
		return this.recipients;
	}

	/**
	 * Return the message's MIME bytes.
	 * @return a copy of the bytes
	 */
	public byte[] content() {
		return this.content.clone();
	}

	/**
	 * Return the message's Message-ID header.
	 * @return the Message-ID
	 */
	public @Nullable String messageIdHeader() {
		return this.messageIdHeader;
	}

	/**
	 * Return the message's X-IB-bulk-id header.
	 * @return the bulk id, or {@code null}
	 */
	public @Nullable String bulkId() {
		return this.bulkId;
	}

	@Override
	public String toString() {
		// no content and no recipients: they are personal data
		return "InfobipPreparedMessage{messageIdHeader=" + this.messageIdHeader + ", bulkId=" + this.bulkId
				+ ", recipients=" + this.recipients.size() + ", bytes=" + this.content.length + "}";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other)
				|| (other instanceof InfobipPreparedMessage that && Objects.equals(this.envelopeFrom, that.envelopeFrom)
						&& this.recipients.equals(that.recipients) && Arrays.equals(this.content, that.content));
	}

	@Override
	public int hashCode() {
		return 31 * this.recipients.hashCode() + Arrays.hashCode(this.content);
	}

}

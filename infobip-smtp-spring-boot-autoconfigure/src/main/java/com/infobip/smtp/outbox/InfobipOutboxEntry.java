/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Instant;
import java.util.List;

import com.infobip.smtp.SmtpReply;
import org.jspecify.annotations.Nullable;

/**
 * What the ledger knows of one enqueued message. Its body is never part of it.
 *
 * @param id the entry's id, as {@link InfobipMailOutbox#enqueue} returned it
 * @param status where the entry is in its life
 * @param key the application's key it was enqueued with, if any
 * @param messageIdHeader the message's Message-ID header
 * @param bulkId the message's X-IB-bulk-id, if any
 * @param subject the message's subject, decoded, if any
 * @param recipients the envelope's recipients
 * @param messageId Infobip's message id, once sent: the id the relay answered "queued
 * as", which Infobip's delivery reports and tracking events carry as their
 * {@code messageId}, as {@link com.infobip.smtp.InfobipSendResult#messageId()} does
 * @param attempts how many times the message was offered to the relay
 * @param lastReply the relay's reply to the last attempt, when it answered one
 * @param lastError the last failure, or for a sent message the recipients the relay
 * refused; {@code null} if none
 * @param createdAt when it was enqueued
 * @param notBefore when it is sent at the earliest, if it was enqueued for later
 * @param completedAt when its life ended (see {@link InfobipOutboxStatus#isFinal()})
 * @param deliveryStatus the group of the latest delivery report (for example
 * {@code DELIVERED}), once one came back
 * @param deliveryStatusName the name of that report's status
 * @param deliveryUpdatedAt when that report came back
 * @param trackingEvent the latest tracking event (for example {@code OPENED})
 * @param trackingUpdatedAt when it came back
 * @since 0.1.0
 */
public record InfobipOutboxEntry(String id, InfobipOutboxStatus status, @Nullable String key,
		@Nullable String messageIdHeader, @Nullable String bulkId, @Nullable String subject, List<String> recipients,
		@Nullable String messageId, int attempts, @Nullable SmtpReply lastReply, @Nullable String lastError,
		Instant createdAt, @Nullable Instant notBefore, @Nullable Instant completedAt, @Nullable String deliveryStatus,
		@Nullable String deliveryStatusName, @Nullable Instant deliveryUpdatedAt, @Nullable String trackingEvent,
		@Nullable Instant trackingUpdatedAt) {

	/**
	 * Create an entry.
	 */
	public InfobipOutboxEntry {
		recipients = List.copyOf(recipients);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What became of a message the relay accepted.
 *
 * @param messageId the id the relay queued the message as ("250 2.6.0 Message queued as
 * &lt;id&gt;"); Infobip's delivery reports carry the same id. {@code null} if the reply
 * did not name one
 * @param messageIdHeader the RFC 5322 Message-ID header of the message
 * @param bulkId the X-IB-bulk-id of the message, if any
 * @param acceptedRecipients the recipients the message went to
 * @param refusedRecipients the recipients the relay refused; the message did not go to
 * them
 * @param reply the relay's reply to the end of the data
 * @param attempts how many times the message was offered to the relay (1 without a retry)
 * @param retryCauses why it was offered again, one entry per retry: a reply code such as
 * "421", "connection_lost", or "stale_connection" when a pooled connection the relay had
 * closed was replaced
 * @since 0.1.0
 */
public record InfobipSendResult(@Nullable String messageId, @Nullable String messageIdHeader, @Nullable String bulkId,
		List<String> acceptedRecipients, List<RefusedRecipient> refusedRecipients, SmtpReply reply, int attempts,
		List<String> retryCauses) {

	/**
	 * Create a result; the lists are copied.
	 */
	public InfobipSendResult {
		acceptedRecipients = List.copyOf(acceptedRecipients);
		refusedRecipients = List.copyOf(refusedRecipients);
		retryCauses = List.copyOf(retryCauses);
	}

	/**
	 * Return whether some recipients were refused.
	 * @return whether the message did not go to every recipient
	 */
	public boolean isPartial() {
		return !this.refusedRecipients.isEmpty();
	}

}

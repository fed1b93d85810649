/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The connection was lost after the whole message was sent and before the relay answered:
 * the relay may have queued it, and may deliver it. It was deliberately not sent again,
 * so that no recipient gets it twice; find out (for instance from delivery reports, by
 * Message-ID or bulk id) before sending it again.
 *
 * @since 0.1.0
 */
public class SendOutcomeUnknownException extends InfobipSendException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String messageIdHeader;

	/**
	 * Create an exception.
	 * @param message the description
	 * @param cause the connection failure
	 * @param messageIdHeader the Message-ID header of the message
	 * @param recipientCount how many envelope recipients the message was for
	 * @param attempts how many times the message was offered to the relay
	 * @param retryCauses why it was offered again, one entry per retry
	 * @param failedMessages the message and its failure, as Spring's MailSendException
	 * reports them
	 */
	public SendOutcomeUnknownException(String message, @Nullable Throwable cause, @Nullable String messageIdHeader,
			int recipientCount, int attempts, List<String> retryCauses, Map<Object, Exception> failedMessages) {
		super(message, cause, recipientCount, attempts, retryCauses, failedMessages);
		this.messageIdHeader = messageIdHeader;
	}

	@Override
	public SendOutcome getOutcome() {
		return SendOutcome.UNKNOWN;
	}

	/**
	 * Return the Message-ID header of the message whose outcome is unknown.
	 * @return the Message-ID, or {@code null}
	 */
	public @Nullable String getMessageIdHeader() {
		return this.messageIdHeader;
	}

}

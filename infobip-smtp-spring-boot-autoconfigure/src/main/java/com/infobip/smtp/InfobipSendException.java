/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailSendException;

/**
 * A message that went to no recipient, or may have: what became of it
 * ({@link #getOutcome()}), how often it was offered to the relay and why again.
 *
 * @since 0.1.0
 */
public abstract class InfobipSendException extends MailSendException {

	private static final long serialVersionUID = 1L;

	private final int recipientCount;

	private final int attempts;

	private final List<String> retryCauses;

	/**
	 * Create an exception.
	 * @param message the description
	 * @param cause the failure
	 * @param recipientCount how many envelope recipients the message was for
	 * @param attempts how many times the message was offered to the relay
	 * @param retryCauses why it was offered again, one entry per retry
	 * @param failedMessages the message and its failure, as Spring's MailSendException
	 * reports them
	 */
	protected InfobipSendException(String message, @Nullable Throwable cause, int recipientCount, int attempts,
			List<String> retryCauses, Map<Object, Exception> failedMessages) {
		super(message, cause, failedMessages);
		this.recipientCount = recipientCount;
		this.attempts = attempts;
		this.retryCauses = List.copyOf(retryCauses);
	}

	/**
	 * Return how the send ended.
	 * @return the outcome
	 */
	public abstract SendOutcome getOutcome();

	/**
	 * Return how many envelope recipients the message was for.
	 * @return the number of recipients, 0 if the send never got that far
	 */
	public int getRecipientCount() {
		return this.recipientCount;
	}

	/**
	 * Return how many times the message was offered to the relay.
	 * @return the number of attempts, 0 if it never was
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return why the message was offered again, one entry per retry: a reply code such as
	 * "421", "connection_lost", or "stale_connection" when a pooled connection the relay
	 * had closed was replaced.
	 * @return the causes of the retries
	 */
	public List<String> getRetryCauses() {
		return this.retryCauses;
	}

}

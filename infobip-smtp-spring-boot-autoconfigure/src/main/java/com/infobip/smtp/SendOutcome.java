/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;

/**
 * How a send ended, as the {@code outcome} tag of the starter's metrics and observations
 * records it and as the exceptions of a send tell it.
 *
 * @since 0.1.0
 */
public enum SendOutcome {

	/** The relay accepted the message. */
	SUCCESS,

	/** The relay refused it permanently (a 5xx reply, including failed AUTH). */
	REJECTED,

	/**
	 * It could not be sent: no connection, a TLS failure, a temporary (4xx) reply, or a
	 * sender that was shut down.
	 */
	FAILED,

	/** It was refused before any connection: see {@link InvalidMessageException}. */
	INVALID,

	/**
	 * The connection was lost after the end of the data and before the relay answered:
	 * the relay may have queued it. See {@link SendOutcomeUnknownException}.
	 */
	UNKNOWN;

	/**
	 * Return the tag value, for instance "success".
	 * @return the lower-case name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the outcome of a send that ended with the given exception, or success.
	 * @param failure what the send threw, or {@code null} if it succeeded
	 * @return the outcome
	 */
	public static SendOutcome of(@Nullable Throwable failure) {
		if (failure == null) {
			return SUCCESS;
		}
		if (failure instanceof InfobipSendException sendException) {
			return sendException.getOutcome();
		}
		if (failure instanceof InvalidMessageException) {
			return INVALID;
		}
		return (failure instanceof MailAuthenticationException) ? REJECTED : FAILED;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

import java.util.Locale;

import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.SendOutcomeUnknownException;
import com.infobip.smtp.internal.transport.SmtpFailure;
import com.infobip.smtp.internal.transport.SmtpReplies;
import org.jspecify.annotations.Nullable;

/**
 * How a send ended, as recorded in the {@code outcome} tag.
 *
 * @since 0.1.0
 */
public enum SendOutcome {

	/** The relay accepted the message. */
	SUCCESS,

	/** The relay refused it permanently (a 5xx reply, including failed AUTH). */
	REJECTED,

	/** It could not be sent: no connection, a TLS failure, a temporary (4xx) reply. */
	FAILED,

	/** It was refused before any connection: see InvalidMessageException. */
	INVALID,

	/**
	 * The connection was lost after the end of the data and before the relay answered:
	 * the relay may have queued it. See SendOutcomeUnknownException.
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
	 * Return the outcome of a send that ended with the given failure, or success.
	 * @param failure the failure, or {@code null} if the send succeeded
	 * @return the outcome
	 */
	public static SendOutcome of(@Nullable Throwable failure) {
		if (failure == null) {
			return SUCCESS;
		}
		if (failure instanceof InvalidMessageException) {
			return INVALID;
		}
		if (failure instanceof SendOutcomeUnknownException
				|| (failure instanceof SmtpFailure smtpFailure && smtpFailure.isOutcomeUnknown())) {
			return UNKNOWN;
		}
		return (SmtpReplies.replyCode(failure) >= 500) ? REJECTED : FAILED;
	}

}

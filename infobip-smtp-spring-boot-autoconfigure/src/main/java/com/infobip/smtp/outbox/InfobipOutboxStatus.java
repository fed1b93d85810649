/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

/**
 * Where an outbox entry is in its life.
 *
 * @since 0.1.0
 */
public enum InfobipOutboxStatus {

	/**
	 * Waiting to be sent, for the first time or again after the relay did not take it.
	 */
	PENDING,

	/**
	 * Being offered to the relay by a dispatcher.
	 */
	SENDING,

	/**
	 * The relay took it; Infobip's message id is known.
	 */
	SENT,

	/**
	 * The relay refused it for good (5xx), or every attempt failed; it was not sent.
	 */
	FAILED,

	/**
	 * It may have reached the relay, but its answer was lost (the connection, or the
	 * instance sending it, died after the whole message was written): never sent again
	 * automatically.
	 */
	UNKNOWN;

	/**
	 * Return whether the entry's life ended.
	 * @return {@code true} for {@link #SENT}, {@link #FAILED} and {@link #UNKNOWN}
	 */
	public boolean isFinal() {
		return this == SENT || this == FAILED || this == UNKNOWN;
	}

}

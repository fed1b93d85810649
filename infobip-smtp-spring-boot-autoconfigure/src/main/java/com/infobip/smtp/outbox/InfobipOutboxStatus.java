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
	 * Being offered to the relay by a dispatcher, which holds a connection for it and
	 * whose envelope the relay accepted: its data is being written.
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
	 * instance sending it, died after its envelope was accepted): never sent again
	 * automatically. An operator decides, with {@link InfobipMailOutbox#resolveUnknown}.
	 */
	UNKNOWN,

	/**
	 * Cancelled with {@link InfobipMailOutbox#cancel} before it was sent: never sent.
	 */
	CANCELLED;

	/**
	 * Return whether the entry's life ended (an operator may still start it again).
	 * @return {@code true} for {@link #SENT}, {@link #FAILED}, {@link #UNKNOWN} and
	 * {@link #CANCELLED}
	 */
	public boolean isFinal() {
		return this != PENDING && this != SENDING;
	}

}

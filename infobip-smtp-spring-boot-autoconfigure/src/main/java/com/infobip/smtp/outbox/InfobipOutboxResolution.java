/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

/**
 * An operator's decision on an {@link InfobipOutboxStatus#UNKNOWN} entry, after looking
 * it up in Infobip's logs (by its Message-ID header or its bulk id).
 *
 * @since 0.1.0
 * @see InfobipMailOutbox#resolveUnknown
 */
public enum InfobipOutboxResolution {

	/**
	 * Infobip has the message: the entry becomes {@link InfobipOutboxStatus#SENT}.
	 */
	SENT,

	/**
	 * Infobip does not have it: the entry becomes {@link InfobipOutboxStatus#PENDING} and
	 * is sent again, on purpose.
	 */
	RETRY

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

/**
 * The order in which {@link InfobipMailOutbox#findByStatus} pages through entries, by
 * when they were enqueued.
 *
 * @since 0.1.0
 */
public enum InfobipOutboxOrder {

	/**
	 * The entry enqueued first comes first.
	 */
	OLDEST_FIRST,

	/**
	 * The entry enqueued last comes first.
	 */
	NEWEST_FIRST

}

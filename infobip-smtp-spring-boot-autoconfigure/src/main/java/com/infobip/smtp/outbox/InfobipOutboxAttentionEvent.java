/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

/**
 * Published when an outbox entry ends {@link InfobipOutboxStatus#FAILED} or
 * {@link InfobipOutboxStatus#UNKNOWN}, by the instance that recorded it, once it is
 * recorded: so that an application can alert without polling. Listeners run on the
 * outbox's dispatcher thread; one that takes time should hand the work over (for instance
 * with {@code @Async}).
 *
 * @param entry the entry, as recorded
 * @since 0.1.0
 */
public record InfobipOutboxAttentionEvent(InfobipOutboxEntry entry) {

}

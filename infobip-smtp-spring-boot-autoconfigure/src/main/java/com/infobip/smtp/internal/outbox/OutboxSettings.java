/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Duration;

import org.springframework.util.backoff.BackOff;

/**
 * How the outbox dispatches: see the builder of {@link JdbcMailOutbox}.
 *
 * @param maxSending the most entries {@code SENDING} at once: the sender's connections
 * @param backOff how long an entry the relay did not take waits before its next offer,
 * and after how many offers it is not offered again (then {@code FAILED})
 */
record OutboxSettings(int concurrency, int maxSending, int batchSize, Duration pollInterval, Duration claimTimeout,
		BackOff backOff, Duration retention, Duration shutdownTimeout) {

}

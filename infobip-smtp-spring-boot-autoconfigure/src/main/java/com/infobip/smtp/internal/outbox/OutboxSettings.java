/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Duration;

/**
 * How the outbox dispatches: see the builder of {@link JdbcMailOutbox}.
 */
record OutboxSettings(int concurrency, int batchSize, Duration pollInterval, Duration claimTimeout, int maxAttempts,
		Duration initialBackoff, double backoffMultiplier, Duration maxBackoff, Duration retention,
		Duration shutdownTimeout) {

	/**
	 * Return how long to wait before the next offer of an entry offered {@code attempts}
	 * times.
	 */
	Duration backoff(int attempts) {
		double millis = this.initialBackoff.toMillis() * Math.pow(this.backoffMultiplier, Math.max(0, attempts - 1));
		return (millis >= this.maxBackoff.toMillis()) ? this.maxBackoff : Duration.ofMillis((long) millis);
	}

}

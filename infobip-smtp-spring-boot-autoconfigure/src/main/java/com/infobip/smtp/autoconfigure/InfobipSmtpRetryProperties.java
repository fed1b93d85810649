/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

/**
 * Retry settings for transient failures: a 4xx reply, or a connection lost before the end
 * of the data. A message the relay may already have is never sent again.
 *
 * @since 0.1.0
 */
public class InfobipSmtpRetryProperties {

	/**
	 * Most times a message is offered to the relay, the first included; 1 disables
	 * retries.
	 */
	private int maxAttempts = 3;

	/**
	 * Wait before the first retry; each later wait is multiplied by the multiplier, with
	 * random jitter of up to half the initial backoff.
	 */
	private Duration initialBackoff = Duration.ofSeconds(1);

	/**
	 * Factor by which each wait grows.
	 */
	private double multiplier = 2.0;

	/**
	 * Longest wait between two attempts.
	 */
	private Duration maxBackoff = Duration.ofSeconds(30);

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

}

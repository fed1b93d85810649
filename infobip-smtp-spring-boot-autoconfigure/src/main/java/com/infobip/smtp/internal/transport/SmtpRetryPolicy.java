/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.time.Duration;

import org.springframework.core.retry.RetryPolicy;

/**
 * Spring's {@link RetryPolicy} for sends: exponential back-off with jitter, retrying only
 * {@link SmtpFailure#isTransient() transient} failures.
 *
 * @since 0.1.0
 */
public final class SmtpRetryPolicy {

	private SmtpRetryPolicy() {
	}

	/**
	 * Create a policy.
	 * @param maxAttempts the most times a message is offered, the first included
	 * @param initialBackoff the wait before the first retry
	 * @param multiplier what each wait is multiplied by for the next
	 * @param maxBackoff the longest wait
	 * @return the policy
	 */
	public static RetryPolicy create(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
		return RetryPolicy.builder()
			.maxRetries(maxAttempts - 1)
			.delay(initialBackoff)
			.jitter(initialBackoff.dividedBy(2))
			.multiplier(multiplier)
			.maxDelay(maxBackoff)
			.predicate((failure) -> failure instanceof SmtpFailure smtpFailure && smtpFailure.isTransient())
			.build();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.transport.SmtpRetryPolicy;
import com.infobip.smtp.outbox.InfobipOutboxAttentionEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;

/**
 * Builds a {@link JdbcMailOutbox}.
 */
public final class JdbcMailOutboxBuilder {

	final DataSource dataSource;

	final InfobipMailSender sender;

	final TaskExecutor executor;

	final TaskScheduler scheduler;

	int concurrency = 8;

	int maxSending = Integer.MAX_VALUE;

	int batchSize = 16;

	Duration pollInterval = Duration.ofSeconds(1);

	Duration claimTimeout = Duration.ofMinutes(1);

	BackOff backOff = SmtpRetryPolicy.create(10, Duration.ofSeconds(10), 2, Duration.ofMinutes(10)).getBackOff();

	Duration retention = Duration.ofDays(30);

	Duration shutdownTimeout = Duration.ofSeconds(10);

	Clock clock = Clock.systemUTC();

	@Nullable ApplicationEventPublisher eventPublisher;

	JdbcMailOutboxBuilder(DataSource dataSource, InfobipMailSender sender, TaskExecutor executor,
			TaskScheduler scheduler) {
		this.dataSource = dataSource;
		this.sender = sender;
		this.executor = executor;
		this.scheduler = scheduler;
	}

	/**
	 * Set how many entries this instance sends at once (default 8); more than the
	 * sender's pool has connections only wait for one.
	 * @param concurrency the number of dispatchers
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder concurrency(int concurrency) {
		this.concurrency = positive(concurrency, "concurrency");
		return this;
	}

	/**
	 * Set how many entries may be {@code SENDING} at once, from the mark right before
	 * their data until their outcome is recorded (default: the concurrency): the sender's
	 * connections, so that an instance that dies leaves at most that many entries
	 * {@code UNKNOWN}.
	 * @param maxSending the most entries being sent
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder maxSending(int maxSending) {
		this.maxSending = positive(maxSending, "maxSending");
		return this;
	}

	/**
	 * Set how many entries a dispatcher claims at once (default 16).
	 * @param batchSize the number of entries
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder batchSize(int batchSize) {
		this.batchSize = positive(batchSize, "batchSize");
		return this;
	}

	/**
	 * Set how often an idle dispatcher looks for entries enqueued by other instances or
	 * due again (default 1s); entries enqueued by this instance wake it at once.
	 * @param pollInterval the interval
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder pollInterval(Duration pollInterval) {
		this.pollInterval = positive(pollInterval, "pollInterval");
		return this;
	}

	/**
	 * Set how long a claim holds without being renewed (default 1 minute). Claims on
	 * entries being sent are renewed every third of it, so it is how long the entries of
	 * an instance that stopped wait before another instance resolves them; it must be
	 * longer than the pauses an instance may have (garbage collection, a database
	 * unreachable), or its sends end {@code UNKNOWN}.
	 * @param claimTimeout the claim timeout
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder claimTimeout(Duration claimTimeout) {
		this.claimTimeout = positive(claimTimeout, "claimTimeout");
		return this;
	}

	/**
	 * Set how often an entry is offered before it is {@code FAILED}, and the back-off
	 * between offers (default 10 offers, 10s doubling up to 10 minutes): the back-off of
	 * the sender's retries, the same type and formula, random jitter included.
	 * @param maxAttempts the number of offers
	 * @param initialBackoff the wait after the first
	 * @param multiplier what multiplies each next wait
	 * @param maxBackoff the longest wait
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder retry(int maxAttempts, Duration initialBackoff, double multiplier,
			Duration maxBackoff) {
		positive(maxAttempts, "maxAttempts");
		positive(initialBackoff, "initialBackoff");
		positive(maxBackoff, "maxBackoff");
		if (!(multiplier >= 1)) {
			throw new IllegalArgumentException("multiplier must be at least 1");
		}
		// only its back-off is used: which failures are offered again is the
		// dispatcher's to say
		this.backOff = SmtpRetryPolicy.create(maxAttempts, initialBackoff, multiplier, maxBackoff).getBackOff();
		return this;
	}

	/**
	 * Set how long finished entries and remembered webhook reports are kept (default 30
	 * days).
	 * @param retention the retention
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder retention(Duration retention) {
		this.retention = positive(retention, "retention");
		return this;
	}

	/**
	 * Set how long stopping waits for the sends in flight (default 10s).
	 * @param shutdownTimeout the timeout
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder shutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = positive(shutdownTimeout, "shutdownTimeout");
		return this;
	}

	/**
	 * Set the clock entries are timed by (default the UTC system clock). Instances that
	 * share the outbox must agree on the time within a small part of the claim timeout.
	 * @param clock the clock
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Set where an {@link InfobipOutboxAttentionEvent} is published when an entry ends
	 * {@code FAILED} or {@code UNKNOWN} (default none).
	 * @param eventPublisher the publisher, usually the application context
	 * @return this builder
	 */
	public JdbcMailOutboxBuilder eventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
		return this;
	}

	/**
	 * Build the outbox; its dispatchers start with {@link JdbcMailOutbox#start()}.
	 * @return the outbox
	 */
	public JdbcMailOutbox build() {
		return new JdbcMailOutbox(this);
	}

	private static int positive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

	private static Duration positive(Duration value, String name) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

}

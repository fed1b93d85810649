/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

import com.infobip.smtp.internal.transport.SmtpRetryPolicy;
import com.infobip.smtp.observation.InfobipSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.task.TaskDecorator;

/**
 * Builds an {@link InfobipMailSender}: where and how to connect is given, everything else
 * has a default (no pool, no retry, pipelining on, the relay's 20 MB size limit, sends in
 * the calling thread, no observation).
 *
 * @since 0.1.0
 */
public final class InfobipMailSenderBuilder {

	final SmtpConnectionSettings settings;

	@Nullable PoolSettings pool;

	boolean pipelining = true;

	@Nullable InternetAddress defaultFrom;

	long maxMessageSize = 20_971_520;

	Collection<String> allowedSenderDomains = List.of();

	List<InfobipMessagePostProcessor> postProcessors = List.of();

	RetryPolicy retryPolicy = RetryPolicy.withMaxRetries(0);

	@Nullable Executor executor;

	@Nullable TaskDecorator taskDecorator;

	int batchParallelism = 1;

	int asyncConcurrency = Integer.MAX_VALUE;

	int asyncQueueCapacity;

	Duration shutdownTimeout = Duration.ofSeconds(10);

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	@Nullable InfobipSendObservationConvention observationConvention;

	String region = "custom";

	InfobipMailSenderBuilder(SmtpConnectionSettings settings) {
		this.settings = settings;
	}

	/**
	 * Set whether MAIL FROM, every RCPT TO and DATA leave in one write when the relay
	 * offers PIPELINING; on by default.
	 * @param pipelining whether to pipeline
	 * @return this builder
	 */
	public InfobipMailSenderBuilder pipelining(boolean pipelining) {
		this.pipelining = pipelining;
		return this;
	}

	/**
	 * Keep authenticated connections in a bounded pool and reuse them; by default every
	 * message opens and closes its own connection.
	 * @param maxConnections the most connections open at once
	 * @param maxWait how long a send waits for a free connection
	 * @param idleTimeout how long a connection may stay unused before it is closed
	 * @param maxMessagesPerConnection the most messages a connection sends before it is
	 * retired
	 * @return this builder
	 */
	public InfobipMailSenderBuilder pool(int maxConnections, Duration maxWait, Duration idleTimeout,
			int maxMessagesPerConnection) {
		this.pool = new PoolSettings(maxConnections, maxWait, idleTimeout, maxMessagesPerConnection);
		return this;
	}

	/**
	 * Set the From used when a message has none.
	 * @param defaultFrom the default sender, or {@code null} for none
	 * @return this builder
	 */
	public InfobipMailSenderBuilder defaultFrom(@Nullable InternetAddress defaultFrom) {
		this.defaultFrom = defaultFrom;
		return this;
	}

	/**
	 * Set the largest message, in bytes, that is sent; larger ones are refused before any
	 * connection is used.
	 * @param maxMessageSize the maximum size in bytes
	 * @return this builder
	 */
	public InfobipMailSenderBuilder maxMessageSize(long maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
		return this;
	}

	/**
	 * Set the domains a sender may use; when not empty, other sender domains are refused
	 * before any connection is used.
	 * @param allowedSenderDomains the allowed domains
	 * @return this builder
	 */
	public InfobipMailSenderBuilder allowedSenderDomains(Collection<String> allowedSenderDomains) {
		this.allowedSenderDomains = List.copyOf(allowedSenderDomains);
		return this;
	}

	/**
	 * Set the post-processors applied, in this order, to every message.
	 * @param postProcessors the post-processors
	 * @return this builder
	 */
	public InfobipMailSenderBuilder postProcessors(List<InfobipMessagePostProcessor> postProcessors) {
		this.postProcessors = List.copyOf(postProcessors);
		return this;
	}

	/**
	 * Retry what cannot duplicate a message (a 4xx reply, a connection lost before the
	 * end of the data) with exponential back-off and jitter; by default nothing is
	 * retried.
	 * @param maxAttempts the most times a message is offered, the first included
	 * @param initialBackoff the wait before the first retry
	 * @param multiplier what each wait is multiplied by for the next
	 * @param maxBackoff the longest wait
	 * @return this builder
	 */
	public InfobipMailSenderBuilder retry(int maxAttempts, Duration initialBackoff, double multiplier,
			Duration maxBackoff) {
		this.retryPolicy = SmtpRetryPolicy.create(maxAttempts, initialBackoff, multiplier, maxBackoff);
		return this;
	}

	/**
	 * Set the executor for sendAsync and for the parallel part of batches; without one,
	 * both run in the calling thread.
	 * @param executor a bounded executor
	 * @return this builder
	 */
	public InfobipMailSenderBuilder executor(@Nullable Executor executor) {
		this.executor = executor;
		return this;
	}

	/**
	 * Set the decorator of every send handed to the executor, applied on the thread that
	 * hands it over, so that a send that waits for a free place carries its own caller's
	 * context (MDC, security, tracing) rather than that of the send it runs after. Give
	 * the decorator here, not to the executor.
	 * @param taskDecorator the decorator, or {@code null} for none
	 * @return this builder
	 */
	public InfobipMailSenderBuilder taskDecorator(@Nullable TaskDecorator taskDecorator) {
		this.taskDecorator = taskDecorator;
		return this;
	}

	/**
	 * Set how many sendAsync sends, and helpers of batches, run on the executor at once,
	 * typically the pool size; more sendAsync sends wait in a queue of
	 * {@link #asyncQueueCapacity(int)}. By default every send is handed to the executor
	 * at once, and the executor decides.
	 * @param asyncConcurrency the most sends running at once
	 * @return this builder
	 */
	public InfobipMailSenderBuilder asyncConcurrency(int asyncConcurrency) {
		this.asyncConcurrency = Math.max(1, asyncConcurrency);
		return this;
	}

	/**
	 * Set how many sendAsync sends wait for one of the {@link #asyncConcurrency(int)}
	 * places; the future of a send beyond them fails at once.
	 * @param asyncQueueCapacity the most sends waiting
	 * @return this builder
	 */
	public InfobipMailSenderBuilder asyncQueueCapacity(int asyncQueueCapacity) {
		this.asyncQueueCapacity = Math.max(0, asyncQueueCapacity);
		return this;
	}

	/**
	 * Set how many messages of a batch are sent at once, typically the pool size.
	 * @param batchParallelism the parallelism
	 * @return this builder
	 */
	public InfobipMailSenderBuilder batchParallelism(int batchParallelism) {
		this.batchParallelism = Math.max(1, batchParallelism);
		return this;
	}

	/**
	 * Set how long stopping or closing waits for the sends in flight and queued.
	 * @param shutdownTimeout the longest wait
	 * @return this builder
	 */
	public InfobipMailSenderBuilder shutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
		return this;
	}

	/**
	 * Set the registry that observes every send.
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public InfobipMailSenderBuilder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * Set a convention that replaces the default one.
	 * @param observationConvention the convention, or {@code null} for the default
	 * @return this builder
	 */
	public InfobipMailSenderBuilder observationConvention(
			@Nullable InfobipSendObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	/**
	 * Set the region recorded in the {@code region} tag.
	 * @param region the region tag value
	 * @return this builder
	 */
	public InfobipMailSenderBuilder region(String region) {
		this.region = region;
		return this;
	}

	/**
	 * Build the sender.
	 * @return the sender
	 */
	public InfobipMailSender build() {
		return new InfobipMailSender(this);
	}

	record PoolSettings(int maxConnections, Duration maxWait, Duration idleTimeout, int maxMessagesPerConnection) {

	}

}

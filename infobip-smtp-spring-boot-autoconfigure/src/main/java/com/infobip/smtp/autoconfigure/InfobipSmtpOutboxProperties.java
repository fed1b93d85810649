/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the outbox: a durable queue of messages on the
 * application's database.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("infobip.smtp.outbox")
public class InfobipSmtpOutboxProperties {

	/**
	 * Whether to offer the InfobipMailOutbox bean and run its dispatchers. Needs a
	 * DataSource (spring-boot-starter-jdbc).
	 */
	private boolean enabled;

	/**
	 * When to create the outbox tables: 'embedded' (only in an embedded database),
	 * 'always' or 'never' (the application's own migrations create them from the scripts
	 * in com/infobip/smtp/outbox).
	 */
	private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

	/**
	 * How many entries this instance sends at once; more than
	 * infobip.smtp.pool.max-connections only wait for a connection.
	 */
	private int concurrency = 8;

	/**
	 * How many entries a dispatcher thread claims at once.
	 */
	private int batchSize = 16;

	/**
	 * How often an idle dispatcher looks for entries enqueued by other instances or due
	 * again; entries enqueued by this instance are sent at once.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * How long a dispatcher's claim on an entry holds without being renewed. Claims on
	 * entries being sent are renewed every third of it, so this is how long the entries
	 * of an instance that stopped wait before another instance resolves them: those it
	 * had not offered yet are sent, those it was sending become UNKNOWN.
	 */
	private Duration claimTimeout = Duration.ofMinutes(1);

	/**
	 * How often an entry is offered to the relay before it is FAILED, when the relay
	 * answers 4xx or cannot be reached.
	 */
	private int maxAttempts = 10;

	/**
	 * Wait before an entry the relay did not take is offered again; each later wait is
	 * multiplied by the backoff multiplier, with random jitter, by the formula of
	 * infobip.smtp.retry.*.
	 */
	private Duration initialBackoff = Duration.ofSeconds(10);

	/**
	 * What multiplies the wait after each further attempt.
	 */
	private double backoffMultiplier = 2.0;

	/**
	 * Longest wait between two attempts.
	 */
	private Duration maxBackoff = Duration.ofMinutes(10);

	/**
	 * How long finished entries (SENT, FAILED, UNKNOWN) and remembered webhook reports
	 * are kept.
	 */
	private Duration retention = Duration.ofDays(30);

	/**
	 * Outbox health settings.
	 */
	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SchemaInitialization getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(SchemaInitialization initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getClaimTimeout() {
		return this.claimTimeout;
	}

	public void setClaimTimeout(Duration claimTimeout) {
		this.claimTimeout = claimTimeout;
	}

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

	public double getBackoffMultiplier() {
		return this.backoffMultiplier;
	}

	public void setBackoffMultiplier(double backoffMultiplier) {
		this.backoffMultiplier = backoffMultiplier;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * When the outbox tables are created (as Spring Boot's DatabaseInitializationMode,
	 * which is not used here so that an application without JDBC can still bind these
	 * properties).
	 */
	public enum SchemaInitialization {

		/**
		 * Always create them (the scripts skip tables that exist).
		 */
		ALWAYS,

		/**
		 * Create them only in an embedded database.
		 */
		EMBEDDED,

		/**
		 * Never: the application's own migrations create them.
		 */
		NEVER

	}

	/**
	 * Outbox health settings.
	 */
	public static class Health {

		/**
		 * Age of the oldest entry not yet sent beyond which the outbox health is DOWN.
		 */
		private Duration maxPendingAge = Duration.ofMinutes(15);

		public Duration getMaxPendingAge() {
			return this.maxPendingAge;
		}

		public void setMaxPendingAge(Duration maxPendingAge) {
			this.maxPendingAge = maxPendingAge;
		}

	}

}

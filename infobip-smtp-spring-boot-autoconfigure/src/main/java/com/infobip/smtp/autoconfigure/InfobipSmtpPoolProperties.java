/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

/**
 * Connection pool settings.
 *
 * @since 0.1.0
 */
public class InfobipSmtpPoolProperties {

	/**
	 * Whether to keep authenticated connections open and reuse them. When false, every
	 * message opens and closes its own connection.
	 */
	private boolean enabled = true;

	/**
	 * Most connections open to the relay at once, whatever the number of sending threads.
	 */
	private int maxConnections = 8;

	/**
	 * How long a send waits for a free connection before it fails.
	 */
	private Duration maxWait = Duration.ofSeconds(30);

	/**
	 * How long a connection may stay unused before it is closed.
	 */
	private Duration idleTimeout = Duration.ofSeconds(60);

	/**
	 * The most messages a connection sends before it is closed and replaced. Each
	 * connection is replaced after a number drawn between nine tenths of this and this,
	 * so that connections opened together are not all replaced at once.
	 */
	private int maxMessagesPerConnection = 1000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public int getMaxMessagesPerConnection() {
		return this.maxMessagesPerConnection;
	}

	public void setMaxMessagesPerConnection(int maxMessagesPerConnection) {
		this.maxMessagesPerConnection = maxMessagesPerConnection;
	}

}

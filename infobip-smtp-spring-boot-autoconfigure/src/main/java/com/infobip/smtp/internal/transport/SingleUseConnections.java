/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.ConnectionUsage;

/**
 * A new connection for every message, closed with QUIT after it, as stock Spring mail
 * does. Used when pooling is switched off.
 */
final class SingleUseConnections implements SmtpConnections {

	private final SmtpConnector connector;

	private final AtomicInteger open = new AtomicInteger();

	/**
	 * Create connections with the given connector.
	 * @param connector the connector
	 */
	SingleUseConnections(SmtpConnector connector) {
		this.connector = connector;
	}

	@Override
	public SmtpConnection acquire() throws SmtpFailure {
		SmtpConnection connection = this.connector.connect();
		this.open.incrementAndGet();
		return connection;
	}

	@Override
	public void release(SmtpConnection connection) {
		connection.close();
		this.open.decrementAndGet();
	}

	@Override
	public void discard(SmtpConnection connection) {
		connection.abort();
		this.open.decrementAndGet();
	}

	@Override
	public ConnectionUsage usage() {
		return new ConnectionUsage(this.open.get(), 0, 0);
	}

	@Override
	public void close() {
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.time.Duration;

import com.infobip.smtp.ConnectionUsage;

/**
 * Where a sender gets its connections: a pool, or a new connection per message.
 *
 * @since 0.1.0
 */
public interface SmtpConnections extends AutoCloseable {

	/**
	 * Return a bounded pool of authenticated connections, reused for message after
	 * message.
	 * @param connector opens the connections
	 * @param maxConnections the most connections open at once
	 * @param maxWait how long a caller waits for a free connection
	 * @param idleTimeout how long a connection may stay idle before it is closed
	 * @param maxMessagesPerConnection the most messages a connection sends before it is
	 * retired
	 * @return the pool
	 */
	static SmtpConnections pooled(SmtpConnector connector, int maxConnections, Duration maxWait, Duration idleTimeout,
			int maxMessagesPerConnection) {
		return new PooledSmtpConnections(connector, maxConnections, maxWait, idleTimeout, maxMessagesPerConnection);
	}

	/**
	 * Return connections opened for one message each and closed after it, as stock Spring
	 * mail does.
	 * @param connector opens the connections
	 * @return the connections
	 */
	static SmtpConnections singleUse(SmtpConnector connector) {
		return new SingleUseConnections(connector);
	}

	/**
	 * Return a connection for one message, waiting for one if need be.
	 * @return an open, authenticated connection
	 * @throws SmtpFailure if no connection can be opened, or none became free in time
	 */
	SmtpConnection acquire() throws SmtpFailure;

	/**
	 * Hand back a connection whose last transaction completed.
	 * @param connection the connection
	 */
	void release(SmtpConnection connection);

	/**
	 * Close a connection whose last transaction failed, so that it carries no state into
	 * another message. It is closed without QUIT: after a failure its state is unknown,
	 * and the relay may not answer any more.
	 * @param connection the connection
	 */
	void discard(SmtpConnection connection);

	/**
	 * Return a snapshot of the connection counts, for metrics.
	 * @return the counts
	 */
	ConnectionUsage usage();

	/**
	 * Close every idle connection with QUIT, not waiting for the answer; connections in
	 * use are closed when handed back.
	 */
	@Override
	void close();

}

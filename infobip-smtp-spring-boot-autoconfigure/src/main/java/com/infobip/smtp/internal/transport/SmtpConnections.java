/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import com.infobip.smtp.ConnectionUsage;

/**
 * Where a sender gets its connections: a pool, or a new connection per message.
 *
 * @since 0.1.0
 */
public interface SmtpConnections extends AutoCloseable {

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

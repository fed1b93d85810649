/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

import com.infobip.smtp.ConnectionUsage;
import com.infobip.smtp.SmtpPhase;
import jakarta.mail.MessagingException;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * A bounded pool of authenticated connections (Commons Pool 2). Never more than
 * {@code maxConnections} are open; a caller waits up to {@code maxWait} for one. Idle
 * connections are closed after {@code idleTimeout}, and a connection is retired after at
 * most {@code maxMessagesPerConnection}: after a number drawn for it between nine tenths
 * of that and that, so that connections opened together, and used alike, are not all
 * retired and reopened at the same moment. A connection that sat idle is checked with
 * NOOP before use, so one the relay closed is replaced before anything of a message is
 * sent.
 *
 * @since 0.1.0
 */
public class PooledSmtpConnections implements SmtpConnections {

	/** Idle time after which a connection is checked with NOOP before use. */
	static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(1);

	private final GenericObjectPool<SmtpConnection> pool;

	private final int maxConnections;

	private final Duration maxWait;

	/**
	 * Create a pool.
	 * @param connector opens the connections
	 * @param maxConnections the most connections open at once
	 * @param maxWait how long a caller waits for a free connection
	 * @param idleTimeout how long a connection may stay idle before it is closed
	 * @param maxMessagesPerConnection the most messages a connection sends before it is
	 * retired
	 */
	public PooledSmtpConnections(SmtpConnector connector, int maxConnections, Duration maxWait, Duration idleTimeout,
			int maxMessagesPerConnection) {
		this.maxConnections = maxConnections;
		this.maxWait = maxWait;
		GenericObjectPoolConfig<SmtpConnection> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(maxConnections);
		config.setMaxIdle(maxConnections);
		config.setMinIdle(0);
		config.setBlockWhenExhausted(true);
		config.setMaxWait(maxWait);
		config.setLifo(true);
		config.setTestOnBorrow(true);
		config.setMinEvictableIdleDuration(idleTimeout);
		config.setTimeBetweenEvictionRuns(evictionInterval(idleTimeout));
		config.setNumTestsPerEvictionRun(maxConnections);
		config.setJmxEnabled(false);
		this.pool = new GenericObjectPool<>(new ConnectionFactory(connector, maxMessagesPerConnection), config);
	}

	@Override
	public SmtpConnection acquire() throws SmtpFailure {
		try {
			return this.pool.borrowObject();
		}
		catch (SmtpFailure ex) {
			throw ex;
		}
		catch (NoSuchElementException ex) {
			throw new SmtpFailure(SmtpPhase.CONNECT, -1, null, List.of(),
					new MessagingException("No SMTP connection became free within infobip.smtp.pool.max-wait ("
							+ this.maxWait + "); all " + this.maxConnections
							+ " (infobip.smtp.pool.max-connections) are in use"));
		}
		catch (Exception ex) {
			if (this.pool.isClosed()) {
				throw new SmtpFailure(SmtpPhase.CONNECT, -1, null, List.of(),
						new MessagingException("InfobipMailSender is shut down: its connections are closed", ex));
			}
			throw new SmtpFailure(SmtpPhase.CONNECT, -1, null, List.of(), ex);
		}
	}

	@Override
	public void release(SmtpConnection connection) {
		if (connection.getMessagesSent() >= connection.getRetirementLimit()) {
			discard(connection);
		}
		else {
			this.pool.returnObject(connection);
		}
	}

	@Override
	public void discard(SmtpConnection connection) {
		// closed here, without QUIT, so that the pool only forgets it
		connection.abort();
		try {
			this.pool.invalidateObject(connection);
		}
		catch (Exception ex) {
			// not the pool's any more
		}
	}

	@Override
	public ConnectionUsage usage() {
		return new ConnectionUsage(this.pool.getNumActive() + this.pool.getNumIdle(), this.pool.getNumIdle(),
				this.pool.getNumWaiters());
	}

	@Override
	public void close() {
		this.pool.close();
	}

	private static Duration evictionInterval(Duration idleTimeout) {
		Duration half = idleTimeout.dividedBy(2);
		return (half.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : half;
	}

	private static final class ConnectionFactory extends BasePooledObjectFactory<SmtpConnection> {

		private final SmtpConnector connector;

		private final int maxMessagesPerConnection;

		ConnectionFactory(SmtpConnector connector, int maxMessagesPerConnection) {
			this.connector = connector;
			this.maxMessagesPerConnection = maxMessagesPerConnection;
		}

		@Override
		public SmtpConnection create() throws SmtpFailure {
			SmtpConnection connection = this.connector.connect();
			int spread = this.maxMessagesPerConnection / 10;
			connection
				.setRetirementLimit(this.maxMessagesPerConnection - ThreadLocalRandom.current().nextInt(spread + 1));
			return connection;
		}

		@Override
		public PooledObject<SmtpConnection> wrap(SmtpConnection connection) {
			return new DefaultPooledObject<>(connection);
		}

		@Override
		public boolean validateObject(PooledObject<SmtpConnection> pooled) {
			// a connection used a moment ago is trusted; one that sat idle is asked
			return pooled.getIdleDuration().compareTo(CHECK_AFTER_IDLE) < 0 || pooled.getObject().isOpen();
		}

		@Override
		public void destroyObject(PooledObject<SmtpConnection> pooled) {
			pooled.getObject().close();
		}

	}

}

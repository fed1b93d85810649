/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.ConnectionUsage;
import com.infobip.smtp.SmtpPhase;
import jakarta.mail.MessagingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * retired and reopened at the same moment; it leaves with QUIT. A connection that sat
 * idle is checked with NOOP before use, so one the relay closed is replaced before
 * anything of a message is sent.
 * <p>
 * A relay may cap open connections below {@code maxConnections}: it then greets one more
 * with a 4xx reply (421). While others are open, that is no failure of the send: the pool
 * keeps to the connections it has, and the send waits for one of them. The limit is
 * raised again by one connection at a time, at most every {@link #RAISE_LIMIT_AFTER}, so
 * that the pool grows back when the relay takes more. With none open or opening, a
 * refused greeting fails the attempt, as before.
 */
final class PooledSmtpConnections implements SmtpConnections {

	/** Idle time after which a connection is checked with NOOP before use. */
	static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(1);

	/** How long the pool keeps to a limit the relay set before trying one more. */
	static final Duration RAISE_LIMIT_AFTER = Duration.ofSeconds(10);

	// how long a send waits at a time for a connection while the relay caps them
	private static final Duration CAPPED_WAIT_SLICE = Duration.ofMillis(100);

	private static final Log logger = LogFactory.getLog(PooledSmtpConnections.class);

	private final GenericObjectPool<SmtpConnection> pool;

	private final int maxConnections;

	private final Duration maxWait;

	private final Duration raiseLimitAfter;

	// connections being opened: the pool counts them only once they are open
	private final AtomicInteger opening = new AtomicInteger();

	private final Object limitMonitor = new Object();

	// when the relay last refused a connection, or the limit was last raised
	private long limitChangedAt;

	private boolean relayCapWarned;

	/**
	 * Create a pool.
	 * @param connector opens the connections
	 * @param maxConnections the most connections open at once
	 * @param maxWait how long a caller waits for a free connection
	 * @param idleTimeout how long a connection may stay idle before it is closed
	 * @param maxMessagesPerConnection the most messages a connection sends before it is
	 * retired
	 */
	PooledSmtpConnections(SmtpConnector connector, int maxConnections, Duration maxWait, Duration idleTimeout,
			int maxMessagesPerConnection) {
		this(connector, maxConnections, maxWait, idleTimeout, maxMessagesPerConnection, RAISE_LIMIT_AFTER);
	}

	PooledSmtpConnections(SmtpConnector connector, int maxConnections, Duration maxWait, Duration idleTimeout,
			int maxMessagesPerConnection, Duration raiseLimitAfter) {
		this.maxConnections = maxConnections;
		this.maxWait = maxWait;
		this.raiseLimitAfter = raiseLimitAfter;
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
		this.pool = new GenericObjectPool<>(new ConnectionFactory(connector, maxMessagesPerConnection, this.opening),
				config);
	}

	@Override
	public SmtpConnection acquire() throws SmtpFailure {
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		SmtpFailure capped = null;
		while (true) {
			// while the relay caps connections, wait in slices: the connections waited
			// for may still fail to open, and then nothing would wake the wait
			Duration wait = (capped != null) ? min(CAPPED_WAIT_SLICE, remaining(deadline)) : this.maxWait;
			try {
				return borrow(wait);
			}
			catch (SmtpFailure ex) {
				if (!ex.isRefusedGreeting() || remaining(deadline).isZero() || !keepToOtherConnections(ex)) {
					throw ex;
				}
				capped = ex;
			}
			catch (NoSuchElementException ex) {
				if (capped != null && !remaining(deadline).isZero()) {
					if (openOrOpening() == 0) {
						// none of the connections waited for opened: a failure to connect
						throw capped;
					}
					continue;
				}
				throw noneFree();
			}
		}
	}

	/**
	 * Take a greeting refused while other connections are open, or opening, as the
	 * relay's cap on open connections: lower the limit to them, so that the send waits
	 * for one of them rather than failing.
	 * @return whether the send may wait for another connection
	 */
	private boolean keepToOtherConnections(SmtpFailure failure) {
		int others = openOrOpening();
		if (others == 0) {
			return false;
		}
		synchronized (this.limitMonitor) {
			if (others < this.pool.getMaxTotal()) {
				this.pool.setMaxTotal(others);
			}
			this.limitChangedAt = System.nanoTime();
			if (!this.relayCapWarned) {
				this.relayCapWarned = true;
				logger.warn("The relay refused a new connection ("
						+ ((failure.getReply() != null) ? failure.getReply().summary() : "no reply") + ") while "
						+ others + " were open or opening: sends wait for those, and one more is tried at most every "
						+ this.raiseLimitAfter.toSeconds() + " s (infobip.smtp.pool.max-connections="
						+ this.maxConnections + ")");
			}
		}
		return true;
	}

	/**
	 * Return how many connections the pool opens at most now: fewer than
	 * {@code maxConnections} while the relay caps them.
	 */
	int limit() {
		return this.pool.getMaxTotal();
	}

	private int openOrOpening() {
		return this.pool.getNumActive() + this.pool.getNumIdle() + this.opening.get();
	}

	private void raiseLimitIfDue() {
		if (this.pool.getMaxTotal() >= this.maxConnections) {
			return;
		}
		synchronized (this.limitMonitor) {
			long now = System.nanoTime();
			if (this.pool.getMaxTotal() < this.maxConnections
					&& now - this.limitChangedAt >= this.raiseLimitAfter.toNanos()) {
				this.pool.setMaxTotal(this.pool.getMaxTotal() + 1);
				this.limitChangedAt = now;
			}
		}
	}

	private SmtpConnection borrow(Duration wait) throws SmtpFailure {
		try {
			return this.pool.borrowObject(wait);
		}
		catch (SmtpFailure | NoSuchElementException ex) {
			throw ex;
		}
		catch (Exception ex) {
			if (this.pool.isClosed()) {
				throw new SmtpFailure(SmtpPhase.CONNECT, -1, null, List.of(),
						new MessagingException("InfobipMailSender is shut down: its connections are closed", ex));
			}
			throw new SmtpFailure(SmtpPhase.CONNECT, -1, null, List.of(), ex);
		}
	}

	private SmtpFailure noneFree() {
		int limit = this.pool.getMaxTotal();
		String inUse = (limit < this.maxConnections)
				? "all " + limit + " the relay accepted are in use (infobip.smtp.pool.max-connections="
						+ this.maxConnections + ")"
				: "all " + this.maxConnections + " (infobip.smtp.pool.max-connections) are in use";
		return new SmtpFailure(SmtpPhase.CONNECT, -1, null, List.of(), new MessagingException(
				"No SMTP connection became free within infobip.smtp.pool.max-wait (" + this.maxWait + "); " + inUse));
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public void release(SmtpConnection connection) {
		if (connection.getMessagesSent() >= connection.getRetirementLimit()) {
			retire(connection);
		}
		else {
			this.pool.returnObject(connection);
		}
		raiseLimitIfDue();
	}

	// a connection that has done its share is closed with QUIT, not waiting for the
	// answer, as an idle one is
	private void retire(SmtpConnection connection) {
		try {
			this.pool.invalidateObject(connection);
		}
		catch (Exception ex) {
			// not the pool's any more
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

		private final AtomicInteger opening;

		ConnectionFactory(SmtpConnector connector, int maxMessagesPerConnection, AtomicInteger opening) {
			this.connector = connector;
			this.maxMessagesPerConnection = maxMessagesPerConnection;
			this.opening = opening;
		}

		@Override
		public SmtpConnection create() throws SmtpFailure {
			SmtpConnection connection;
			this.opening.incrementAndGet();
			try {
				connection = this.connector.connect();
			}
			finally {
				this.opening.decrementAndGet();
			}
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

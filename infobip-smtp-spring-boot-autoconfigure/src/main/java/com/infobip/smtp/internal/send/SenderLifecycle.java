/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.time.Duration;
import java.util.List;

import com.infobip.smtp.internal.transport.SmtpConnections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sender's lifecycle: it takes sends while running; once stopped it refuses new ones,
 * lets those in flight and the queued async sends finish, in order, for up to the
 * shutdown timeout, then fails queued sends that have not started; once closed it also
 * closes the connections.
 */
public final class SenderLifecycle {

	private static final Log logger = LogFactory.getLog(SenderLifecycle.class);

	private final InFlightSends inFlight = new InFlightSends();

	private final @Nullable AsyncSends asyncSends;

	private final SmtpConnections connections;

	private final Duration shutdownTimeout;

	private final Object monitor = new Object();

	private volatile boolean running = true;

	// the shutdown timeout has passed: what has not started will not
	private volatile boolean drained;

	private boolean closed;

	private long stopDeadline;

	/**
	 * Create a lifecycle.
	 * @param asyncSends the async sends to drain, or {@code null} without an executor
	 * @param connections the connections to close
	 * @param shutdownTimeout how long stopping waits for the sends in flight and queued
	 */
	public SenderLifecycle(@Nullable AsyncSends asyncSends, SmtpConnections connections, Duration shutdownTimeout) {
		this.asyncSends = asyncSends;
		this.connections = connections;
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Count a send that begins, queued async sends included.
	 * @throws com.infobip.smtp.SenderShutDownException once stopped
	 */
	public void begin() {
		this.inFlight.begin();
	}

	/**
	 * Count a send that ended, whatever its outcome.
	 */
	public void end() {
		this.inFlight.end();
	}

	/**
	 * Return whether the shutdown timeout has passed: a send that has not started by then
	 * does not start.
	 * @return whether drained
	 */
	public boolean isDrained() {
		return this.drained;
	}

	/**
	 * Return whether new sends are taken.
	 * @return {@code true} until stopped or closed
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Take sends again after {@link #stop()}; closed stays closed.
	 */
	public void start() {
		synchronized (this.monitor) {
			if (!this.closed && !this.running) {
				this.inFlight.open();
				this.drained = false;
				this.running = true;
			}
		}
	}

	/**
	 * Refuse new sends and drain.
	 */
	public void stop() {
		drain(beginStop());
	}

	/**
	 * Refuse new sends at once, and drain in the background.
	 * @param callback run once drained
	 */
	public void stop(Runnable callback) {
		long deadline = beginStop();
		Thread drainer = new Thread(() -> {
			try {
				drain(deadline);
			}
			finally {
				callback.run();
			}
		}, "infobip-smtp-shutdown");
		drainer.setDaemon(true);
		drainer.start();
	}

	/**
	 * Stop, unless stopped already, then close the connections: idle ones with QUIT,
	 * those still in use when their send ends.
	 */
	public void close() {
		long deadline;
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			// once stopped, the drain had its time (or Spring's shutdown phase ended it)
			deadline = this.running ? beginStop() : System.nanoTime();
		}
		drain(deadline);
		int unfinished = this.inFlight.await(System.nanoTime());
		if (unfinished > 0) {
			logger.warn(unfinished + " send(s) still in flight when InfobipMailSender closed (shutdown timeout "
					+ this.shutdownTimeout + "); their connections close when they end");
		}
		this.connections.close();
	}

	private long beginStop() {
		synchronized (this.monitor) {
			this.inFlight.close();
			if (this.running) {
				this.running = false;
				this.stopDeadline = System.nanoTime() + this.shutdownTimeout.toNanos();
			}
			return this.stopDeadline;
		}
	}

	private void drain(long deadline) {
		this.inFlight.await(deadline);
		this.drained = true;
		List<AsyncSends.Job> notStarted = (this.asyncSends != null) ? this.asyncSends.removeQueued() : List.of();
		for (AsyncSends.Job job : notStarted) {
			job.reject(SendFailures.notStarted());
		}
		if (!notStarted.isEmpty()) {
			logger.warn(notStarted.size() + " queued send(s) had not started when InfobipMailSender shut down"
					+ " (shutdown timeout " + this.shutdownTimeout + "); their futures failed");
		}
	}

}

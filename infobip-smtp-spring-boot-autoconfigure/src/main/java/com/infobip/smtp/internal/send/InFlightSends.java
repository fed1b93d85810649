/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import com.infobip.smtp.SenderShutDownException;

/**
 * Counts the sends under way, queued async sends included, so that shutdown can refuse
 * new ones and wait, for a bounded time, for those in flight.
 */
final class InFlightSends {

	private final Object lock = new Object();

	private int count;

	private boolean closed;

	/**
	 * Count a send that begins.
	 * @throws SenderShutDownException once closed
	 */
	void begin() {
		synchronized (this.lock) {
			if (this.closed) {
				throw new SenderShutDownException("InfobipMailSender is shut down; the message was not sent");
			}
			this.count++;
		}
	}

	void end() {
		synchronized (this.lock) {
			this.count--;
			if (this.count == 0) {
				this.lock.notifyAll();
			}
		}
	}

	/**
	 * Refuse new sends.
	 */
	void close() {
		synchronized (this.lock) {
			this.closed = true;
		}
	}

	/**
	 * Accept new sends again.
	 */
	void open() {
		synchronized (this.lock) {
			this.closed = false;
		}
	}

	/**
	 * Wait for the sends in flight to end.
	 * @param deadline the {@link System#nanoTime()} to wait until at most
	 * @return how many sends are still in flight
	 */
	int await(long deadline) {
		synchronized (this.lock) {
			try {
				for (long left = deadline - System.nanoTime(); this.count > 0
						&& left > 0; left = deadline - System.nanoTime()) {
					this.lock.wait(Math.max(1, left / 1_000_000));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.count;
		}
	}

}

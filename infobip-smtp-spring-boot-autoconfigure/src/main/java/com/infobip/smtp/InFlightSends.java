/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;

import org.springframework.mail.MailSendException;

/**
 * Counts the sends under way so that shutdown can refuse new ones and wait, for a bounded
 * time, for those in flight.
 */
final class InFlightSends {

	private final Object lock = new Object();

	private int count;

	private boolean closed;

	void begin() {
		synchronized (this.lock) {
			if (this.closed) {
				throw new MailSendException("InfobipMailSender is shut down; the message was not sent");
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
	 * Refuse new sends and wait for those in flight.
	 * @param timeout the longest wait
	 * @return how many sends are still in flight
	 */
	int closeAndAwait(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			this.closed = true;
			try {
				for (long left = timeout.toNanos(); this.count > 0 && left > 0; left = deadline - System.nanoTime()) {
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

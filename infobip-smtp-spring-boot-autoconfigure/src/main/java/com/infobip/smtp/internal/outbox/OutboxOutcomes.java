/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import com.infobip.smtp.internal.outbox.GroupCommits.Statement;
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Records what became of offered entries. If the database refuses an outcome, it is
 * written again on the scheduler after a back-off, a few times: until it is recorded, the
 * entry stays {@code SENDING} and would end {@code UNKNOWN}. The entry keeps its claim
 * meanwhile; the dispatcher is told when its outcome is written or given up. So it is
 * when an outcome it handed on ({@link #settle}, {@link #recorded}) is.
 */
final class OutboxOutcomes {

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.LOG_CATEGORY);

	// when an outcome the database refused is written again (after 100 ms, 500 ms and
	// 2 s) before the claim recovery is left to resolve the entry
	private static final BackOff OUTCOME_REWRITES = outcomeRewrites();

	private final OutboxStore store;

	private final TaskScheduler scheduler;

	// told the id of an entry whose outcome, written again, is recorded or given up
	private final Consumer<String> settled;

	private final ReentrantLock lock = new ReentrantLock();

	// the end of an outcome's write
	private final Condition changed = this.lock.newCondition();

	// guarded by lock: outcomes waiting to be written again
	private int rewrites;

	OutboxOutcomes(OutboxStore store, TaskScheduler scheduler, Consumer<String> settled) {
		this.store = store;
		this.scheduler = scheduler;
		this.settled = settled;
	}

	/**
	 * Record what became of an offered entry; if the database refuses, write it again on
	 * the scheduler after a back-off, a few times: until it is recorded, the entry stays
	 * {@code SENDING} and would end {@code UNKNOWN}.
	 * @return whether that is done; {@code false} while the outcome waits to be written
	 * again
	 */
	boolean record(Outcome outcome) {
		try {
			write(outcome);
			return true;
		}
		catch (DataAccessException ex) {
			return !rewriteLater(outcome, OUTCOME_REWRITES.start(), ex);
		}
	}

	/**
	 * Record an outcome whose dispatcher went on without it, as {@link #record}, and tell
	 * the dispatcher once it is written or given up.
	 */
	void settle(Outcome outcome) {
		if (record(outcome)) {
			this.settled.accept(outcome.entry().id());
		}
	}

	/**
	 * Tell that an outcome whose dispatcher went on without it was written with another
	 * update.
	 * @param rows the rows it updated
	 */
	void recorded(Outcome outcome, int rows) {
		outcome.recorded().accept(rows);
		this.settled.accept(outcome.entry().id());
	}

	/**
	 * Wait until no outcome waits to be written again, or until the deadline.
	 * @param deadline the deadline, as {@link System#nanoTime()}
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitRewrites(long deadline) throws InterruptedException {
		this.lock.lock();
		try {
			while (this.rewrites > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				this.changed.awaitNanos(left);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Schedule the outcome's next write, if the back-off allows one.
	 * @return whether it was scheduled
	 */
	private boolean rewriteLater(Outcome outcome, BackOffExecution backOff, DataAccessException failure) {
		long wait = backOff.nextBackOff();
		if (wait != BackOffExecution.STOP) {
			this.lock.lock();
			try {
				this.rewrites++;
			}
			finally {
				this.lock.unlock();
			}
			try {
				this.scheduler.schedule(() -> rewrite(outcome, backOff),
						this.scheduler.getClock().instant().plusMillis(wait));
				return true;
			}
			catch (TaskRejectedException ex) {
				rewritten();
			}
		}
		logger.error("Could not record the outcome of outbox entry " + outcome.entry().id()
				+ "; it becomes UNKNOWN when its claim expires", failure);
		return false;
	}

	private void rewrite(Outcome outcome, BackOffExecution backOff) {
		boolean again = false;
		try {
			write(outcome);
		}
		catch (DataAccessException ex) {
			again = rewriteLater(outcome, backOff, ex);
		}
		finally {
			if (!again) {
				this.settled.accept(outcome.entry().id());
			}
			rewritten();
		}
	}

	private void rewritten() {
		this.lock.lock();
		try {
			this.rewrites--;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void write(Outcome outcome) {
		outcome.recorded().accept(this.store.write(outcome.entry().id(), outcome.update()));
	}

	private static BackOff outcomeRewrites() {
		ExponentialBackOff backOff = new ExponentialBackOff(100, 5);
		backOff.setMaxInterval(2000);
		backOff.setMaxAttempts(3);
		return backOff;
	}

	/**
	 * What became of an offered entry.
	 *
	 * @param entry the entry
	 * @param update the update that records it
	 * @param recorded told the rows the update changed, once it is committed: 1 if the
	 * entry's claim still held
	 */
	record Outcome(ClaimedEntry entry, Statement update, IntConsumer recorded) {
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.TransactionException;

/**
 * Dispatchers that claim due entries, have them offered to the relay through the pooled
 * sender ({@link OutboxOffers}), and hold their claims until what became of them is
 * recorded ({@link OutboxOutcomes}). An entry is marked {@code SENDING} only once a
 * connection is held for it and the relay accepted its envelope, right before its data is
 * written, so that an instance that dies leaves behind only entries that are either still
 * {@code PENDING} (their data never written: sent by another instance once the claim
 * expires) or {@code SENDING} (at most one per connection the instance held: resolved as
 * {@code UNKNOWN} by {@link OutboxHousekeeping}).
 * <p>
 * Each dispatcher is one task on the given executor, from start to stop: it claims a
 * batch, sends it, and when nothing is due waits for a wake (an entry of this instance
 * committed) or the poll interval. It is started from {@link #start()} and woken by a
 * signal, never by a task submitted from the thread that enqueued, so a task decorator
 * carries no request's context into sends that may belong to other requests. The
 * scheduler renews the claims this instance holds and writes again an outcome the
 * database refused, after a back-off.
 */
final class OutboxDispatcher {

	/**
	 * The category the outbox has always logged under.
	 */
	static final String LOG_CATEGORY = "com.infobip.smtp.outbox";

	private static final Log logger = LogFactory.getLog(LOG_CATEGORY);

	private final OutboxStore store;

	private final OutboxSettings settings;

	private final Clock clock;

	private final TaskExecutor executor;

	private final TaskScheduler scheduler;

	private final OutboxOffers offers;

	private final OutboxOutcomes outcomes;

	private final OutboxHousekeeping housekeeping;

	private final ReentrantLock lock = new ReentrantLock();

	// a wake, or the end of a dispatcher
	private final Condition changed = this.lock.newCondition();

	// the claims this instance holds: entry id to the claim's token
	private final Map<String, String> held = new ConcurrentHashMap<>();

	private final List<ScheduledFuture<?>> jobs = new ArrayList<>();

	private volatile boolean running;

	// guarded by lock: dispatchers running, and whether a wake came since a dispatcher
	// last found nothing to claim
	private int dispatchers;

	private boolean signalled;

	OutboxDispatcher(OutboxStore store, OutboxHousekeeping housekeeping, InfobipMailSender sender,
			OutboxSettings settings, Clock clock, TaskExecutor executor, TaskScheduler scheduler,
			OutboxOffers.Completions completions) {
		this.store = store;
		this.settings = settings;
		this.clock = clock;
		this.executor = executor;
		this.scheduler = scheduler;
		// an outcome written again keeps its claim until it is recorded or given up
		SendingSlots sending = new SendingSlots(Math.min(settings.concurrency(), settings.maxSending()));
		this.outcomes = new OutboxOutcomes(store, scheduler, (id) -> {
			this.held.remove(id);
			sending.giveBack(id);
		});
		this.offers = new OutboxOffers(store, sender, settings, clock, this.outcomes, completions, sending);
		this.housekeeping = housekeeping;
	}

	synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Duration period = Duration.ofMillis(Math.max(1, this.settings.claimTimeout().toMillis() / 3));
		this.jobs.add(this.scheduler.scheduleWithFixedDelay(this::renewClaims,
				this.scheduler.getClock().instant().plus(period), period));
		for (int i = 0; i < this.settings.concurrency(); i++) {
			this.lock.lock();
			try {
				this.dispatchers++;
			}
			finally {
				this.lock.unlock();
			}
			try {
				this.executor.execute(this::work);
			}
			catch (TaskRejectedException ex) {
				ended();
				logger.error("The executor of the outbox refused a dispatcher; " + i + " of "
						+ this.settings.concurrency() + " run", ex);
				break;
			}
		}
	}

	/**
	 * Stop claiming, let the sends in flight end, and give back what was claimed and not
	 * offered, waiting at most the shutdown timeout for the sends in flight and for
	 * outcomes still to be written.
	 */
	synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		try {
			awaitDispatchers(deadline);
			// no dispatcher is left to start a rewrite: only those already waiting remain
			this.outcomes.awaitRewrites(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// sends still in flight keep their claims until they end or the claims expire
		this.jobs.forEach((job) -> job.cancel(false));
		this.jobs.clear();
	}

	boolean isRunning() {
		return this.running;
	}

	/**
	 * Wake idle dispatchers: something was enqueued.
	 */
	void wake() {
		this.lock.lock();
		try {
			this.signalled = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	long dispatched(InfobipOutboxStatus outcome) {
		return this.offers.dispatched(outcome);
	}

	private void work() {
		try {
			while (this.running && !Thread.currentThread().isInterrupted()) {
				try {
					this.housekeeping.maintain();
					if (!dispatchBatch()) {
						idle();
					}
				}
				catch (DataAccessException | TransactionException ex) {
					logger.warn("Outbox dispatcher could not reach the database; trying again in "
							+ this.settings.pollInterval(), ex);
					idle();
				}
				catch (RuntimeException ex) {
					logger.error("Outbox dispatcher failed; trying again in " + this.settings.pollInterval(), ex);
					idle();
				}
			}
		}
		finally {
			ended();
		}
	}

	/**
	 * Claim a batch of due entries and offer them one after the other.
	 * @return whether any was due
	 */
	private boolean dispatchBatch() {
		String token = UUID.randomUUID().toString();
		List<ClaimedEntry> entries = this.store.claimDue(token, this.settings.batchSize(), this.clock.instant(),
				this.settings.claimTimeout());
		if (entries.isEmpty()) {
			return false;
		}
		entries.forEach((entry) -> this.held.put(entry.id(), token));
		// outcomes carried to the next entry's mark, or to be written again
		Set<String> unsettled = new HashSet<>();
		OutboxOffers.Carried carried = new OutboxOffers.Carried();
		try {
			for (int i = 0; i < entries.size(); i++) {
				if (!this.running) {
					release(entries.subList(i, entries.size()), token);
					break;
				}
				ClaimedEntry entry = entries.get(i);
				if (this.offers.dispatch(entry, token, carried)) {
					this.held.remove(entry.id());
				}
				else {
					unsettled.add(entry.id());
				}
			}
		}
		finally {
			this.offers.settleCarried(carried);
			// what a failure left claimed expires and is resolved as if this instance had
			// stopped; an outcome still to be written keeps its claim until it is
			entries.stream()
				.filter((entry) -> !unsettled.contains(entry.id()))
				.forEach((entry) -> this.held.remove(entry.id()));
		}
		return true;
	}

	private void renewClaims() {
		try {
			this.store.renewClaims(Map.copyOf(this.held), this.clock.instant(), this.settings.claimTimeout());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew the outbox claims of this instance", ex);
		}
	}

	private void release(List<ClaimedEntry> entries, String token) {
		for (ClaimedEntry entry : entries) {
			try {
				this.store.release(entry.id(), token);
			}
			catch (DataAccessException ex) {
				// its claim expires: another instance (or this one, restarted) sends it
				logger.debug("Could not release an outbox claim", ex);
			}
		}
	}

	/**
	 * Wait for a wake or the poll interval, unless a wake came since the last claim.
	 */
	private void idle() {
		this.lock.lock();
		try {
			if (!this.signalled && this.running) {
				this.changed.awaitNanos(this.settings.pollInterval().toNanos());
			}
			this.signalled = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void ended() {
		this.lock.lock();
		try {
			this.dispatchers--;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wake idle dispatchers to see they are to stop, and wait until none runs, or until
	 * the deadline.
	 */
	private void awaitDispatchers(long deadline) throws InterruptedException {
		this.lock.lock();
		try {
			this.changed.signalAll();
			while (this.dispatchers > 0) {
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

}

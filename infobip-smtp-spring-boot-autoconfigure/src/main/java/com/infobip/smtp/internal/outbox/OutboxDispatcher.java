/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipSendException;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SenderShutDownException;
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.TransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Dispatchers that claim due entries, offer them to the relay through the pooled sender,
 * and record what became of them. An entry is marked {@code SENDING} just before it is
 * offered, so that an instance that dies leaves behind only entries that are either still
 * {@code PENDING} (never offered: sent by another instance once the claim expires) or
 * {@code SENDING} (perhaps offered: resolved as {@code UNKNOWN}).
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

	// the category the outbox has always logged under
	private static final Log logger = LogFactory.getLog("com.infobip.smtp.outbox");

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	// when an outcome the database refused is written again (after 100 ms, 500 ms and
	// 2 s) before the claim recovery is left to resolve the entry
	private static final BackOff OUTCOME_REWRITES = outcomeRewrites();

	private final OutboxStore store;

	private final InfobipMailSender sender;

	private final OutboxSettings settings;

	private final Clock clock;

	private final TaskExecutor executor;

	private final TaskScheduler scheduler;

	private final ReentrantLock lock = new ReentrantLock();

	// a wake, or the end of a dispatcher or of an outcome's write
	private final Condition changed = this.lock.newCondition();

	private final AtomicLong nextRecovery = new AtomicLong();

	private final AtomicLong nextPurge = new AtomicLong();

	private final Map<InfobipOutboxStatus, LongAdder> dispatched = new EnumMap<>(InfobipOutboxStatus.class);

	// the claims this instance holds: entry id to the claim's token
	private final Map<String, String> held = new ConcurrentHashMap<>();

	private final List<ScheduledFuture<?>> jobs = new ArrayList<>();

	private volatile boolean running;

	// guarded by lock: dispatchers running, outcomes waiting to be written again, and
	// whether a wake came since a dispatcher last found nothing to claim
	private int dispatchers;

	private int rewrites;

	private boolean signalled;

	OutboxDispatcher(OutboxStore store, InfobipMailSender sender, OutboxSettings settings, Clock clock,
			TaskExecutor executor, TaskScheduler scheduler) {
		this.store = store;
		this.sender = sender;
		this.settings = settings;
		this.clock = clock;
		this.executor = executor;
		this.scheduler = scheduler;
		for (InfobipOutboxStatus status : InfobipOutboxStatus.values()) {
			this.dispatched.put(status, new LongAdder());
		}
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
		this.lock.lock();
		try {
			this.changed.signalAll();
			while (this.dispatchers > 0 || this.rewrites > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				this.changed.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
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
		return this.dispatched.get(outcome).sum();
	}

	private void work() {
		try {
			while (this.running && !Thread.currentThread().isInterrupted()) {
				try {
					maintain();
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
		Set<String> rewriting = new HashSet<>();
		try {
			for (int i = 0; i < entries.size(); i++) {
				if (!this.running) {
					release(entries.subList(i, entries.size()), token);
					break;
				}
				ClaimedEntry entry = entries.get(i);
				if (dispatch(entry, token)) {
					this.held.remove(entry.id());
				}
				else {
					rewriting.add(entry.id());
				}
			}
		}
		finally {
			// what a failure left claimed expires and is resolved as if this instance had
			// stopped; an outcome still to be written keeps its claim until it is
			entries.stream()
				.filter((entry) -> !rewriting.contains(entry.id()))
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
	 * Resolve entries other instances left behind, once per poll interval, and delete
	 * what outlived the retention, once an hour, on whichever dispatcher comes first.
	 */
	private void maintain() {
		Instant now = this.clock.instant();
		if (due(this.nextRecovery, now, this.settings.pollInterval())) {
			int unknown = this.store.expireSendingClaims(now);
			if (unknown > 0) {
				logger.warn(unknown + " outbox entr" + ((unknown == 1) ? "y was" : "ies were")
						+ " being sent by an instance that stopped before recording the relay's answer; marked UNKNOWN, not sent again");
			}
		}
		if (due(this.nextPurge, now, PURGE_INTERVAL)) {
			this.store.purge(now.minus(this.settings.retention()));
		}
	}

	private static boolean due(AtomicLong next, Instant now, Duration interval) {
		long at = next.get();
		return now.toEpochMilli() >= at && next.compareAndSet(at, now.toEpochMilli() + interval.toMillis());
	}

	/**
	 * Offer an entry, unless its claim expired meanwhile, and record the outcome.
	 * @return whether that is done; {@code false} while the outcome waits to be written
	 * again
	 */
	private boolean dispatch(ClaimedEntry entry, String token) {
		if (!this.store.markSending(entry.id(), token, this.clock.instant(), this.settings.claimTimeout())) {
			// the claim expired: this instance paused longer than the claim timeout
			return true;
		}
		return offer(entry, token);
	}

	private boolean offer(ClaimedEntry entry, String token) {
		int attempts = entry.attempts() + 1;
		try {
			InfobipSendResult result = this.sender.sendPrepared(entry.message());
			return complete(entry, token, InfobipOutboxStatus.SENT, result.messageId(), refusedNote(result));
		}
		catch (SenderShutDownException ex) {
			// the sender refused it while shutting down: it was never offered
			this.store.release(entry.id(), token, true);
			return true;
		}
		catch (InfobipSendException ex) {
			return switch (ex.getOutcome()) {
				case UNKNOWN -> complete(entry, token, InfobipOutboxStatus.UNKNOWN, null, ex.getMessage());
				case REJECTED -> complete(entry, token, InfobipOutboxStatus.FAILED, null, ex.getMessage());
				default -> retryOrFail(entry, token, attempts, ex);
			};
		}
		catch (InvalidMessageException ex) {
			return complete(entry, token, InfobipOutboxStatus.FAILED, null, ex.getMessage());
		}
		catch (MailException ex) {
			return retryOrFail(entry, token, attempts, ex);
		}
	}

	private boolean retryOrFail(ClaimedEntry entry, String token, int attempts, MailException ex) {
		long wait = waitAfter(attempts);
		if (wait == BackOffExecution.STOP) {
			return complete(entry, token, InfobipOutboxStatus.FAILED, null,
					"Not sent after " + attempts + " attempts: " + ex.getMessage());
		}
		Instant next = this.clock.instant().plusMillis(wait);
		this.dispatched.get(InfobipOutboxStatus.PENDING).increment();
		return record(entry, () -> this.store.reschedule(entry.id(), token, next, String.valueOf(ex.getMessage())));
	}

	/**
	 * Return how long an entry offered {@code attempts} times waits for its next offer,
	 * by the back-off the sender's retries use, or {@link BackOffExecution#STOP} when it
	 * is not to be offered again.
	 */
	private long waitAfter(int attempts) {
		BackOffExecution backOff = this.settings.backOff().start();
		long wait = BackOffExecution.STOP;
		for (int i = 0; i < attempts; i++) {
			wait = backOff.nextBackOff();
			if (wait == BackOffExecution.STOP) {
				break;
			}
		}
		return wait;
	}

	private boolean complete(ClaimedEntry entry, String token, InfobipOutboxStatus status, @Nullable String messageId,
			@Nullable String error) {
		this.dispatched.get(status).increment();
		return record(entry,
				() -> this.store.complete(entry.id(), token, status, messageId, error, this.clock.instant()));
	}

	private void release(List<ClaimedEntry> entries, String token) {
		for (ClaimedEntry entry : entries) {
			try {
				this.store.release(entry.id(), token, false);
			}
			catch (DataAccessException ex) {
				// its claim expires: another instance (or this one, restarted) sends it
				logger.debug("Could not release an outbox claim", ex);
			}
		}
	}

	/**
	 * Record what became of an offered entry; if the database refuses, write it again on
	 * the scheduler after a back-off, a few times: until it is recorded, the entry stays
	 * {@code SENDING} and would end {@code UNKNOWN}.
	 * @return whether that is done; {@code false} while the outcome waits to be written
	 * again
	 */
	private boolean record(ClaimedEntry entry, Runnable update) {
		try {
			update.run();
			return true;
		}
		catch (DataAccessException ex) {
			return !rewriteLater(entry, update, OUTCOME_REWRITES.start(), ex);
		}
	}

	/**
	 * Schedule the outcome's next write, if the back-off allows one.
	 * @return whether it was scheduled
	 */
	private boolean rewriteLater(ClaimedEntry entry, Runnable update, BackOffExecution backOff,
			DataAccessException failure) {
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
				this.scheduler.schedule(() -> rewrite(entry, update, backOff),
						this.scheduler.getClock().instant().plusMillis(wait));
				return true;
			}
			catch (TaskRejectedException ex) {
				rewritten();
			}
		}
		logger.error("Could not record the outcome of outbox entry " + entry.id()
				+ "; it becomes UNKNOWN when its claim expires", failure);
		return false;
	}

	private void rewrite(ClaimedEntry entry, Runnable update, BackOffExecution backOff) {
		boolean again = false;
		try {
			update.run();
		}
		catch (DataAccessException ex) {
			again = rewriteLater(entry, update, backOff, ex);
		}
		finally {
			if (!again) {
				this.held.remove(entry.id());
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

	private static BackOff outcomeRewrites() {
		ExponentialBackOff backOff = new ExponentialBackOff(100, 5);
		backOff.setMaxInterval(2000);
		backOff.setMaxAttempts(3);
		return backOff;
	}

	private static @Nullable String refusedNote(InfobipSendResult result) {
		if (!result.isPartial()) {
			return null;
		}
		StringBuilder note = new StringBuilder("Refused recipients:");
		for (RefusedRecipient refused : result.refusedRecipients()) {
			note.append(' ').append(refused.address()).append(" (").append(refused.reply().text()).append(')');
		}
		return note.toString();
	}

}

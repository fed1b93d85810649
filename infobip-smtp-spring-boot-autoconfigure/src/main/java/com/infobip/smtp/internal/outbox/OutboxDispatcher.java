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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipSendFailedException;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SendOutcomeUnknownException;
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.transaction.TransactionException;

/**
 * Threads that claim due entries, offer them to the relay through the pooled sender, and
 * record what became of them. An entry is marked {@code SENDING} just before it is
 * offered, so that an instance that dies leaves behind only entries that are either still
 * {@code PENDING} (never offered: sent by another instance once the claim expires) or
 * {@code SENDING} (perhaps offered: resolved as {@code UNKNOWN}).
 */
final class OutboxDispatcher {

	// the category the outbox has always logged under
	private static final Log logger = LogFactory.getLog("com.infobip.smtp.outbox");

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	// how often a finished send's outcome is offered to the database before the claim
	// recovery is left to resolve the entry
	private static final long[] RECORD_RETRY_MILLIS = { 100, 500, 2000 };

	private final OutboxStore store;

	private final InfobipMailSender sender;

	private final OutboxSettings settings;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = this.lock.newCondition();

	private final AtomicLong nextRecovery = new AtomicLong();

	private final AtomicLong nextPurge = new AtomicLong();

	private final Map<InfobipOutboxStatus, LongAdder> dispatched = new EnumMap<>(InfobipOutboxStatus.class);

	private final List<Thread> workers = new ArrayList<>();

	// the claims this instance holds: entry id to the claim's token
	private final Map<String, String> held = new ConcurrentHashMap<>();

	private @Nullable ScheduledExecutorService claimRenewal;

	private volatile boolean running;

	// woken since a worker last found nothing to claim
	private boolean signalled;

	OutboxDispatcher(OutboxStore store, InfobipMailSender sender, OutboxSettings settings, Clock clock) {
		this.store = store;
		this.sender = sender;
		this.settings = settings;
		this.clock = clock;
		for (InfobipOutboxStatus status : InfobipOutboxStatus.values()) {
			this.dispatched.put(status, new LongAdder());
		}
	}

	synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.workers.clear();
		ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "infobip-smtp-outbox-claims");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, this.settings.claimTimeout().toMillis() / 3);
		renewal.scheduleWithFixedDelay(this::renewClaims, period, period, TimeUnit.MILLISECONDS);
		this.claimRenewal = renewal;
		for (int i = 0; i < this.settings.concurrency(); i++) {
			Thread worker = new Thread(this::work, "infobip-smtp-outbox-" + (i + 1));
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	/**
	 * Stop claiming, let the sends in flight end, and give back what was claimed and not
	 * offered, waiting at most the shutdown timeout for the sends in flight.
	 */
	synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		wake();
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		for (Thread worker : this.workers) {
			try {
				worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		// sends still in flight keep their claims until they end or the claims expire
		if (this.claimRenewal != null) {
			this.claimRenewal.shutdown();
		}
	}

	boolean isRunning() {
		return this.running;
	}

	/**
	 * Wake idle workers: something was enqueued.
	 */
	void wake() {
		this.lock.lock();
		try {
			this.signalled = true;
			this.work.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	long dispatched(InfobipOutboxStatus outcome) {
		return this.dispatched.get(outcome).sum();
	}

	private void work() {
		while (this.running && !Thread.currentThread().isInterrupted()) {
			try {
				maintain();
				String token = UUID.randomUUID().toString();
				List<ClaimedEntry> entries = this.store.claimDue(token, this.settings.batchSize(), this.clock.instant(),
						this.settings.claimTimeout());
				if (entries.isEmpty()) {
					idle();
					continue;
				}
				entries.forEach((entry) -> this.held.put(entry.id(), token));
				try {
					for (int i = 0; i < entries.size(); i++) {
						if (!this.running) {
							release(entries.subList(i, entries.size()), token);
							break;
						}
						dispatch(entries.get(i), token);
					}
				}
				finally {
					// what a failure left claimed expires and is resolved as if this
					// instance had stopped
					entries.forEach((entry) -> this.held.remove(entry.id()));
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

	private void renewClaims() {
		try {
			this.store.renewClaims(Map.copyOf(this.held), this.clock.instant(), this.settings.claimTimeout());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew the outbox claims of this instance", ex);
		}
	}

	private void idle() {
		this.lock.lock();
		try {
			if (!this.signalled && this.running) {
				this.work.await(this.settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
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

	/**
	 * Resolve entries other instances left behind, once per poll interval, and delete
	 * what outlived the retention, once an hour, on whichever worker comes first.
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

	private void dispatch(ClaimedEntry entry, String token) {
		try {
			if (this.store.markSending(entry.id(), token, this.clock.instant(), this.settings.claimTimeout())) {
				offer(entry, token);
			}
			// else the claim expired: this instance paused longer than the claim timeout
		}
		finally {
			this.held.remove(entry.id());
		}
	}

	private void offer(ClaimedEntry entry, String token) {
		int attempts = entry.attempts() + 1;
		try {
			InfobipSendResult result = this.sender.sendPrepared(entry.message());
			complete(entry, token, InfobipOutboxStatus.SENT, result.messageId(), refusedNote(result));
		}
		catch (SendOutcomeUnknownException ex) {
			complete(entry, token, InfobipOutboxStatus.UNKNOWN, null, ex.getMessage());
		}
		catch (InfobipSendFailedException ex) {
			if (ex.getReplyCode() >= 500) {
				complete(entry, token, InfobipOutboxStatus.FAILED, null, ex.getMessage());
			}
			else {
				retryOrFail(entry, token, attempts, ex);
			}
		}
		catch (InvalidMessageException ex) {
			complete(entry, token, InfobipOutboxStatus.FAILED, null, ex.getMessage());
		}
		catch (MailException ex) {
			if (!this.sender.isRunning()) {
				// the sender refused it while shutting down: it was never offered
				this.store.release(entry.id(), token, true);
				return;
			}
			retryOrFail(entry, token, attempts, ex);
		}
	}

	private void retryOrFail(ClaimedEntry entry, String token, int attempts, MailException ex) {
		if (attempts >= this.settings.maxAttempts()) {
			complete(entry, token, InfobipOutboxStatus.FAILED, null,
					"Not sent after " + attempts + " attempts: " + ex.getMessage());
			return;
		}
		Instant next = this.clock.instant().plus(this.settings.backoff(attempts));
		record(entry, () -> this.store.reschedule(entry.id(), token, next, String.valueOf(ex.getMessage())));
		this.dispatched.get(InfobipOutboxStatus.PENDING).increment();
	}

	private void complete(ClaimedEntry entry, String token, InfobipOutboxStatus status, @Nullable String queueId,
			@Nullable String error) {
		record(entry, () -> this.store.complete(entry.id(), token, status, queueId, error, this.clock.instant()));
		this.dispatched.get(status).increment();
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
	 * Record what became of an offered entry, trying a few times: until it is recorded,
	 * the entry stays {@code SENDING} and would end {@code UNKNOWN}.
	 */
	private void record(ClaimedEntry entry, Runnable update) {
		for (int attempt = 0;; attempt++) {
			try {
				update.run();
				return;
			}
			catch (DataAccessException ex) {
				if (attempt >= RECORD_RETRY_MILLIS.length) {
					logger.error("Could not record the outcome of outbox entry " + entry.id()
							+ "; it becomes UNKNOWN when its claim expires", ex);
					return;
				}
				try {
					Thread.sleep(RECORD_RETRY_MILLIS[attempt]);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static @Nullable String refusedNote(InfobipSendResult result) {
		if (!result.isPartial()) {
			return null;
		}
		StringBuilder note = new StringBuilder("Refused recipients:");
		for (RefusedRecipient refused : result.refusedRecipients()) {
			note.append(' ').append(refused.address()).append(" (").append(refused.serverReply()).append(')');
		}
		return note.toString();
	}

}

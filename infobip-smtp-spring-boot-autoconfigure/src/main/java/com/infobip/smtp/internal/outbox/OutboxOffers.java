/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipSendException;
import com.infobip.smtp.InfobipSendFailedException;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SenderShutDownException;
import com.infobip.smtp.SmtpReply;
import com.infobip.smtp.internal.outbox.GroupCommits.Statement;
import com.infobip.smtp.internal.outbox.OutboxOutcomes.Outcome;
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import com.infobip.smtp.internal.outbox.OutboxStore.OutcomeAndMark;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Offers claimed entries to the relay through the pooled sender and decides what became
 * of each: {@code SENT}, {@code FAILED}, {@code UNKNOWN}, or {@code PENDING} again after
 * the back-off of the sender's retries; given back unclaimed when the sender refused it
 * while shutting down. Counts the outcomes, and has them recorded by
 * {@link OutboxOutcomes}.
 * <p>
 * When every dispatcher can hold a slot of its own ({@link SendingSlots}: the sender has
 * at least as many connections as there are dispatchers), the outcome of an entry whose
 * data was written is carried by its dispatcher ({@link Carried}) and committed in one
 * transaction with the mark of the dispatcher's next entry: a commit a message instead of
 * two, and never two entries {@code SENDING} for one slot. An outcome the next entry does
 * not take along (it fails before its data, or the batch ends) is written alone. With
 * fewer slots than dispatchers, a dispatcher carrying an outcome could hold a slot while
 * it waits for a connection that a dispatcher waiting for a slot holds; then each outcome
 * is written at once.
 */
final class OutboxOffers {

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.LOG_CATEGORY);

	private final OutboxStore store;

	private final InfobipMailSender sender;

	private final OutboxSettings settings;

	private final Clock clock;

	private final OutboxOutcomes outcomes;

	private final Completions completed;

	private final SendingSlots sending;

	// whether outcomes are carried to the next entry's mark: each dispatcher has a slot
	private final boolean carrying;

	private final Map<InfobipOutboxStatus, LongAdder> dispatched = new EnumMap<>(InfobipOutboxStatus.class);

	OutboxOffers(OutboxStore store, InfobipMailSender sender, OutboxSettings settings, Clock clock,
			OutboxOutcomes outcomes, Completions completed, SendingSlots sending) {
		this.store = store;
		this.sender = sender;
		this.settings = settings;
		this.clock = clock;
		this.outcomes = outcomes;
		this.completed = completed;
		this.sending = sending;
		this.carrying = settings.concurrency() <= settings.maxSending();
		for (InfobipOutboxStatus status : InfobipOutboxStatus.values()) {
			this.dispatched.put(status, new LongAdder());
		}
	}

	long dispatched(InfobipOutboxStatus outcome) {
		return this.dispatched.get(outcome).sum();
	}

	/**
	 * Offer an entry and record the outcome, or carry it to the next entry's mark. The
	 * entry becomes {@code SENDING}, committed, only once a connection is held for it and
	 * the relay accepted its envelope, right before its data is written: waiting for a
	 * connection, or failing before, leaves it {@code PENDING}. If it can no longer be
	 * marked (its claim expired, or an operator cancelled it), its data is withheld and
	 * it is not sent.
	 * @param entry the entry
	 * @param token the token of its claim
	 * @param carried the outcome its dispatcher carries from the last entry, if any
	 * @return whether that is done; {@code false} while the outcome waits to be written
	 * again, or is carried: the dispatcher is told when it is settled
	 */
	boolean dispatch(ClaimedEntry entry, String token, Carried carried) {
		boolean done = true;
		try {
			done = offer(entry, token, carried);
			return done;
		}
		finally {
			// an outcome to be written again, or carried, keeps its slot until then
			if (done) {
				this.sending.giveBack(entry.id());
			}
		}
	}

	/**
	 * Settle what the dispatcher carries: tell the outcome a mark took along, or record
	 * the one no next entry took along.
	 */
	void settleCarried(Carried carried) {
		Carried.Written written = carried.takeWritten();
		if (written != null) {
			this.outcomes.recorded(written.outcome(), written.rows());
		}
		Outcome outcome = carried.take();
		if (outcome != null) {
			this.outcomes.settle(outcome);
		}
	}

	private boolean offer(ClaimedEntry entry, String token, Carried carried) {
		int attempts = entry.attempts() + 1;
		try {
			InfobipSendResult result;
			try {
				result = this.sender.sendPrepared(entry.message(), () -> markSending(entry, token, carried));
			}
			finally {
				// this entry took the outcome along, or did not reach its mark
				settleCarried(carried);
			}
			return complete(entry, token, InfobipOutboxStatus.SENT, result.messageId(), attempts, result.reply(),
					refusedNote(result), carried);
		}
		catch (NotMarkedException ex) {
			// cancelled, or claimed by another instance after this one paused: not sent
			return true;
		}
		catch (DataAccessException ex) {
			// marking it failed, and the data was withheld: it was not sent
			logger.warn("Could not mark outbox entry " + entry.id() + " as being sent; not sent, tried again later",
					ex);
			release(entry, token);
			return true;
		}
		catch (SenderShutDownException ex) {
			// the sender refused it while shutting down: it was never offered
			release(entry, token);
			return true;
		}
		catch (InfobipSendException ex) {
			SmtpReply reply = (ex instanceof InfobipSendFailedException failed) ? failed.getReply() : null;
			return switch (ex.getOutcome()) {
				case UNKNOWN -> complete(entry, token, InfobipOutboxStatus.UNKNOWN, null, attempts, reply,
						ex.getMessage(), carried);
				case REJECTED ->
					complete(entry, token, InfobipOutboxStatus.FAILED, null, attempts, reply, ex.getMessage(), carried);
				default -> retryOrFail(entry, token, attempts, reply, ex, carried);
			};
		}
		catch (InvalidMessageException ex) {
			return complete(entry, token, InfobipOutboxStatus.FAILED, null, attempts, null, ex.getMessage(), carried);
		}
		catch (MailException ex) {
			return retryOrFail(entry, token, attempts, null, ex, carried);
		}
	}

	/**
	 * Mark the entry as being sent, with the outcome its dispatcher carries if any: the
	 * carried entry's slot is then handed over to this one, and what follows its record
	 * (an event for a failure) waits until this entry's send ended, not its data.
	 */
	private void markSending(ClaimedEntry entry, String token, Carried carried) {
		Outcome last = carried.take();
		if (last == null) {
			this.sending.take(entry.id());
			if (!this.store.markSending(entry.id(), token, this.clock.instant(), this.settings.claimTimeout())) {
				throw new NotMarkedException();
			}
			return;
		}
		OutcomeAndMark written;
		try {
			written = this.store.writeAndMarkSending(last.entry().id(), last.update(), entry.id(), token,
					this.clock.instant(), this.settings.claimTimeout());
		}
		catch (DataAccessException ex) {
			// neither is recorded (or both, if only the commit's answer was lost): the
			// outcome is written alone, this entry's data withheld
			this.outcomes.settle(last);
			throw ex;
		}
		this.sending.handOver(last.entry().id(), entry.id());
		carried.written(last, written.outcomeRows());
		if (!written.marked()) {
			throw new NotMarkedException();
		}
	}

	private void release(ClaimedEntry entry, String token) {
		try {
			this.store.release(entry.id(), token);
		}
		catch (DataAccessException ex) {
			// its claim expires: it is sent once another dispatcher claims it again
			logger.debug("Could not release an outbox claim", ex);
		}
	}

	private boolean retryOrFail(ClaimedEntry entry, String token, int attempts, @Nullable SmtpReply reply,
			MailException ex, Carried carried) {
		long wait = waitAfter(attempts);
		if (wait == BackOffExecution.STOP) {
			return complete(entry, token, InfobipOutboxStatus.FAILED, null, attempts, reply,
					"Not sent after " + attempts + " attempts: " + ex.getMessage(), carried);
		}
		Instant next = this.clock.instant().plusMillis(wait);
		this.dispatched.get(InfobipOutboxStatus.PENDING).increment();
		return recordOrCarry(new Outcome(entry,
				OutboxStore.rescheduling(entry.id(), token, attempts, next, reply, String.valueOf(ex.getMessage())),
				(rows) -> {
				}), carried);
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
			int attempts, @Nullable SmtpReply reply, @Nullable String error, Carried carried) {
		this.dispatched.get(status).increment();
		Statement update = OutboxStore.completion(entry.id(), token, status, messageId, attempts, reply, error,
				this.clock.instant());
		return recordOrCarry(new Outcome(entry, update, (rows) -> {
			if (rows == 1) {
				this.completed.accept(entry.id(), status);
			}
		}), carried);
	}

	/**
	 * Record the outcome, or carry it to the next entry's mark if the entry holds a slot
	 * (it was marked) and each dispatcher has one.
	 * @return whether that is done; {@code false} while it is carried or waits to be
	 * written again
	 */
	private boolean recordOrCarry(Outcome outcome, Carried carried) {
		if (this.carrying && this.sending.holds(outcome.entry().id())) {
			carried.put(outcome);
			return false;
		}
		return this.outcomes.record(outcome);
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

	/**
	 * The outcome a dispatcher carries to its next entry's mark, one at most, then the
	 * outcome that mark wrote, until that entry's send ended. Used by the dispatcher's
	 * thread alone.
	 */
	static final class Carried {

		private @Nullable Outcome outcome;

		private @Nullable Written written;

		void put(Outcome outcome) {
			if (this.outcome != null) {
				throw new IllegalStateException("Outbox dispatcher already carries an outcome");
			}
			this.outcome = outcome;
		}

		@Nullable Outcome take() {
			Outcome taken = this.outcome;
			this.outcome = null;
			return taken;
		}

		void written(Outcome outcome, int rows) {
			this.written = new Written(outcome, rows);
		}

		@Nullable Written takeWritten() {
			Written taken = this.written;
			this.written = null;
			return taken;
		}

		/**
		 * An outcome written with a mark, and the rows it updated.
		 */
		record Written(Outcome outcome, int rows) {
		}

	}

	/**
	 * Told of every outcome recorded: the entry's id and its status.
	 */
	@FunctionalInterface
	interface Completions {

		void accept(String id, InfobipOutboxStatus status);

	}

	/**
	 * The entry could not be marked as being sent: its data is withheld.
	 */
	private static final class NotMarkedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotMarkedException() {
			super("Outbox entry cancelled or claimed by another instance", null, false, false);
		}

	}

}

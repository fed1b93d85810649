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
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
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
		for (InfobipOutboxStatus status : InfobipOutboxStatus.values()) {
			this.dispatched.put(status, new LongAdder());
		}
	}

	long dispatched(InfobipOutboxStatus outcome) {
		return this.dispatched.get(outcome).sum();
	}

	/**
	 * Offer an entry and record the outcome. The entry becomes {@code SENDING},
	 * committed, only once a connection is held for it and the relay accepted its
	 * envelope, right before its data is written: waiting for a connection, or failing
	 * before, leaves it {@code PENDING}. If it can no longer be marked (its claim
	 * expired, or an operator cancelled it), its data is withheld and it is not sent.
	 * @param entry the entry
	 * @param token the token of its claim
	 * @return whether that is done; {@code false} while the outcome waits to be written
	 * again
	 */
	boolean dispatch(ClaimedEntry entry, String token) {
		boolean done = true;
		try {
			done = offer(entry, token);
			return done;
		}
		finally {
			// an outcome to be written again keeps its slot until then
			if (done) {
				this.sending.giveBack(entry.id());
			}
		}
	}

	private boolean offer(ClaimedEntry entry, String token) {
		int attempts = entry.attempts() + 1;
		try {
			InfobipSendResult result = this.sender.sendPrepared(entry.message(), () -> markSending(entry, token));
			return complete(entry, token, InfobipOutboxStatus.SENT, result.messageId(), attempts, result.reply(),
					refusedNote(result));
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
				case UNKNOWN ->
					complete(entry, token, InfobipOutboxStatus.UNKNOWN, null, attempts, reply, ex.getMessage());
				case REJECTED ->
					complete(entry, token, InfobipOutboxStatus.FAILED, null, attempts, reply, ex.getMessage());
				default -> retryOrFail(entry, token, attempts, reply, ex);
			};
		}
		catch (InvalidMessageException ex) {
			return complete(entry, token, InfobipOutboxStatus.FAILED, null, attempts, null, ex.getMessage());
		}
		catch (MailException ex) {
			return retryOrFail(entry, token, attempts, null, ex);
		}
	}

	private void markSending(ClaimedEntry entry, String token) {
		this.sending.take(entry.id());
		if (!this.store.markSending(entry.id(), token, this.clock.instant(), this.settings.claimTimeout())) {
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
			MailException ex) {
		long wait = waitAfter(attempts);
		if (wait == BackOffExecution.STOP) {
			return complete(entry, token, InfobipOutboxStatus.FAILED, null, attempts, reply,
					"Not sent after " + attempts + " attempts: " + ex.getMessage());
		}
		Instant next = this.clock.instant().plusMillis(wait);
		this.dispatched.get(InfobipOutboxStatus.PENDING).increment();
		return this.outcomes.record(entry,
				() -> this.store.reschedule(entry.id(), token, attempts, next, reply, String.valueOf(ex.getMessage())));
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
			int attempts, @Nullable SmtpReply reply, @Nullable String error) {
		this.dispatched.get(status).increment();
		return this.outcomes.record(entry, () -> {
			if (this.store.complete(entry.id(), token, status, messageId, attempts, reply, error,
					this.clock.instant())) {
				this.completed.accept(entry.id(), status);
			}
		});
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

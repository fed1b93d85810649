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
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SenderShutDownException;
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailException;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Offers claimed entries to the relay through the pooled sender and decides what became
 * of each: {@code SENT}, {@code FAILED}, {@code UNKNOWN}, or {@code PENDING} again after
 * the back-off of the sender's retries; given back unclaimed when the sender refused it
 * while shutting down. Counts the outcomes, and has them recorded by
 * {@link OutboxOutcomes}. An entry is marked {@code SENDING} just before it is offered.
 */
final class OutboxOffers {

	private final OutboxStore store;

	private final InfobipMailSender sender;

	private final OutboxSettings settings;

	private final Clock clock;

	private final OutboxOutcomes outcomes;

	private final Map<InfobipOutboxStatus, LongAdder> dispatched = new EnumMap<>(InfobipOutboxStatus.class);

	OutboxOffers(OutboxStore store, InfobipMailSender sender, OutboxSettings settings, Clock clock,
			OutboxOutcomes outcomes) {
		this.store = store;
		this.sender = sender;
		this.settings = settings;
		this.clock = clock;
		this.outcomes = outcomes;
		for (InfobipOutboxStatus status : InfobipOutboxStatus.values()) {
			this.dispatched.put(status, new LongAdder());
		}
	}

	long dispatched(InfobipOutboxStatus outcome) {
		return this.dispatched.get(outcome).sum();
	}

	/**
	 * Offer an entry, unless its claim expired meanwhile, and record the outcome.
	 * @param entry the entry
	 * @param token the token of its claim
	 * @return whether that is done; {@code false} while the outcome waits to be written
	 * again
	 */
	boolean dispatch(ClaimedEntry entry, String token) {
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
		return this.outcomes.record(entry,
				() -> this.store.reschedule(entry.id(), token, next, String.valueOf(ex.getMessage())));
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
		return this.outcomes.record(entry,
				() -> this.store.complete(entry.id(), token, status, messageId, error, this.clock.instant()));
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

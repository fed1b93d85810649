/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.util.ArrayList;
import java.util.List;

import com.infobip.smtp.SmtpPhase;
import com.infobip.smtp.internal.transport.SmtpConnection;
import com.infobip.smtp.internal.transport.DataWithheldException;
import com.infobip.smtp.internal.transport.SmtpConnections;
import com.infobip.smtp.internal.transport.SmtpEnvelope;
import com.infobip.smtp.internal.transport.SmtpFailure;
import com.infobip.smtp.internal.transport.SmtpReceipt;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Offers one checked message to the relay over a pooled connection, retrying, with back
 * off, only what cannot duplicate it: a 4xx reply, or a connection lost before the end of
 * the data. A connection lost after the end-of-data dot leaves the outcome unknown and is
 * never retried. What happened, attempts and the causes of retries included, is returned,
 * never written anywhere else.
 */
public final class MessageDelivery {

	private static final int MAX_STALE_REPLACEMENTS = 3;

	private final SmtpConnections connections;

	private final RetryTemplate retryTemplate;

	/**
	 * Create a delivery.
	 * @param connections where connections come from and go back to
	 * @param retryPolicy what is retried, how often and after how long
	 */
	public MessageDelivery(SmtpConnections connections, RetryPolicy retryPolicy) {
		this.connections = connections;
		this.retryTemplate = new RetryTemplate(retryPolicy);
		this.retryTemplate.setRetryListener(new RetryCauses());
	}

	/**
	 * Offer the message until the relay takes it or a failure must not be retried.
	 * @param message the message, its changes saved
	 * @param envelope its envelope
	 * @param beforeData run once the relay accepted the envelope, right before the data
	 * is written, on every attempt that gets that far; or {@code null}
	 * @return the relay's receipt, the number of attempts and the causes of the retries
	 * @throws Undelivered with the last failure, the number of attempts and the causes
	 * @throws DataWithheldException if {@code beforeData} threw: not retried
	 */
	Delivered deliver(MimeMessage message, SmtpEnvelope envelope, @Nullable Runnable beforeData) throws Undelivered {
		Attempt attempt = new Attempt(message, envelope, beforeData);
		try {
			return new Delivered(this.retryTemplate.execute(attempt), attempt.count, attempt.retryCauses);
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			if (last instanceof SmtpFailure failure) {
				throw new Undelivered(failure, attempt.count, attempt.retryCauses);
			}
			if (last instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (last instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("Unexpected failure while sending", last);
		}
	}

	private static String causeOf(Throwable failure) {
		if (failure instanceof SmtpFailure smtpFailure) {
			if (smtpFailure.getReply() != null) {
				return String.valueOf(smtpFailure.getReply().code());
			}
			return smtpFailure.isConnectionLoss() ? "connection_lost" : "other";
		}
		return "other";
	}

	/**
	 * Records, for the attempt the retry template runs again, why.
	 */
	private static final class RetryCauses implements RetryListener {

		@Override
		public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
			if (retryable instanceof Attempt attempt && retryState.getLastException() != null) {
				attempt.retryCauses.add(causeOf(retryState.getLastException()));
			}
		}

	}

	/**
	 * One offer of the message to the relay; run again by the retry template.
	 */
	private final class Attempt implements Retryable<SmtpReceipt> {

		private final MimeMessage message;

		private final SmtpEnvelope envelope;

		private final @Nullable Runnable beforeData;

		private final List<String> retryCauses = new ArrayList<>();

		private int count;

		Attempt(MimeMessage message, SmtpEnvelope envelope, @Nullable Runnable beforeData) {
			this.message = message;
			this.envelope = envelope;
			this.beforeData = beforeData;
		}

		@Override
		public SmtpReceipt execute() throws SmtpFailure {
			this.count++;
			// a reused connection the relay has closed fails at MAIL FROM, before
			// anything of the message was sent: replace it, not counting an attempt
			for (int replaced = 0;; replaced++) {
				SmtpConnection connection = MessageDelivery.this.connections.acquire();
				boolean reused = connection.getMessagesSent() > 0;
				boolean completed = false;
				try {
					SmtpReceipt receipt = connection.send(this.message, this.envelope, this.beforeData);
					completed = true;
					return receipt;
				}
				catch (SmtpFailure failure) {
					if (reused && failure.isConnectionLoss() && failure.getPhase() == SmtpPhase.MAIL
							&& replaced < MAX_STALE_REPLACEMENTS) {
						this.retryCauses.add("stale_connection");
						continue;
					}
					throw failure;
				}
				finally {
					// whatever was thrown, even an Error:
					// the pool never loses a connection
					if (completed) {
						MessageDelivery.this.connections.release(connection);
					}
					else {
						MessageDelivery.this.connections.discard(connection);
					}
				}
			}
		}

	}

	/**
	 * The relay took the message.
	 *
	 * @param receipt what it answered
	 * @param attempts how many times the message was offered
	 * @param retryCauses why it was offered again, one entry per retry
	 */
	record Delivered(SmtpReceipt receipt, int attempts, List<String> retryCauses) {

		Delivered {
			retryCauses = List.copyOf(retryCauses);
		}

	}

	/**
	 * The relay did not take the message, or may have: the outcome is unknown.
	 */
	static final class Undelivered extends Exception {

		private static final long serialVersionUID = 1L;

		private final SmtpFailure failure;

		private final int attempts;

		private final List<String> retryCauses;

		Undelivered(SmtpFailure failure, int attempts, List<String> retryCauses) {
			super(failure.getMessage(), failure, false, false);
			this.failure = failure;
			this.attempts = attempts;
			this.retryCauses = List.copyOf(retryCauses);
		}

		SmtpFailure failure() {
			return this.failure;
		}

		int attempts() {
			return this.attempts;
		}

		List<String> retryCauses() {
			return this.retryCauses;
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import com.infobip.smtp.internal.transport.SmtpConnection;
import com.infobip.smtp.internal.transport.SmtpConnections;
import com.infobip.smtp.internal.transport.SmtpEnvelope;
import com.infobip.smtp.internal.transport.SmtpFailure;
import com.infobip.smtp.internal.transport.SmtpReceipt;
import com.infobip.smtp.observation.InfobipSendContext;
import jakarta.mail.internet.MimeMessage;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;

/**
 * Offers one checked message to the relay over a pooled connection, retrying, with back
 * off, only what cannot duplicate it: a 4xx reply, or a connection lost before the end of
 * the data. A connection lost after the end-of-data dot leaves the outcome unknown and is
 * never retried.
 */
final class MessageDelivery {

	private static final int MAX_STALE_REPLACEMENTS = 3;

	private final SmtpConnections connections;

	private final RetryTemplate retryTemplate;

	MessageDelivery(SmtpConnections connections, RetryTemplate retryTemplate) {
		this.connections = connections;
		this.retryTemplate = retryTemplate;
	}

	/**
	 * Offer the message until the relay takes it or a failure must not be retried. Retry
	 * causes are recorded in the observation context; nothing is read from it.
	 * @return the relay's receipt and the number of attempts
	 * @throws Undelivered with the last failure and the number of attempts
	 */
	Delivered deliver(MimeMessage message, SmtpEnvelope envelope, InfobipSendContext context) throws Undelivered {
		Attempt attempt = new Attempt(message, envelope, context);
		try {
			return new Delivered(this.retryTemplate.execute(attempt::run), attempt.count);
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			if (last instanceof SmtpFailure failure) {
				throw new Undelivered(failure, attempt.count);
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

	private static String causeOf(SmtpFailure failure) {
		if (failure.getReplyCode() > 0) {
			return String.valueOf(failure.getReplyCode());
		}
		return failure.isConnectionLoss() ? "connection_lost" : "other";
	}

	/**
	 * One offer of the message to the relay; run again by the retry template.
	 */
	private final class Attempt {

		private final MimeMessage message;

		private final SmtpEnvelope envelope;

		private final InfobipSendContext context;

		private String lastFailureCause;

		private int count;

		Attempt(MimeMessage message, SmtpEnvelope envelope, InfobipSendContext context) {
			this.message = message;
			this.envelope = envelope;
			this.context = context;
		}

		SmtpReceipt run() throws SmtpFailure {
			if (this.lastFailureCause != null) {
				this.context.retrying(this.lastFailureCause);
			}
			this.count++;
			// a reused connection the relay has closed fails at MAIL FROM, before
			// anything of the message was sent: replace it, not counting an attempt
			for (int replaced = 0;; replaced++) {
				SmtpConnection connection = acquire();
				boolean reused = connection.getMessagesSent() > 0;
				boolean completed = false;
				try {
					SmtpReceipt receipt = connection.send(this.message, this.envelope);
					completed = true;
					return receipt;
				}
				catch (SmtpFailure failure) {
					if (reused && failure.isConnectionLoss() && failure.getPhase() == SmtpPhase.MAIL
							&& replaced < MAX_STALE_REPLACEMENTS) {
						this.context.retrying("stale_connection");
						continue;
					}
					this.lastFailureCause = causeOf(failure);
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

		private SmtpConnection acquire() throws SmtpFailure {
			try {
				return MessageDelivery.this.connections.acquire();
			}
			catch (SmtpFailure failure) {
				this.lastFailureCause = causeOf(failure);
				throw failure;
			}
		}

	}

	/**
	 * The relay took the message.
	 *
	 * @param receipt what it answered
	 * @param attempts how many times the message was offered
	 */
	record Delivered(SmtpReceipt receipt, int attempts) {

	}

	/**
	 * The relay did not take the message, or may have: the outcome is unknown.
	 */
	static final class Undelivered extends Exception {

		private static final long serialVersionUID = 1L;

		private final SmtpFailure failure;

		private final int attempts;

		Undelivered(SmtpFailure failure, int attempts) {
			super(failure.getMessage(), failure, false, false);
			this.failure = failure;
			this.attempts = attempts;
		}

		SmtpFailure failure() {
			return this.failure;
		}

		int attempts() {
			return this.attempts;
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The relay did not take the message: it refused it ({@link #getReply()} says why) or it
 * could not be reached. Nothing was delivered; sending again is safe.
 *
 * @since 0.1.0
 */
public class InfobipSendFailedException extends InfobipSendException {

	private static final long serialVersionUID = 1L;

	private final SmtpPhase phase;

	private final @Nullable SmtpReply reply;

	private final @Nullable String recipient;

	/**
	 * Create an exception.
	 * @param message the description
	 * @param cause the failure
	 * @param phase the phase at which the relay refused or the connection failed
	 * @param reply the relay's refusal, or {@code null} if it did not answer
	 * @param recipient the refused recipient, when the relay refused at RCPT TO
	 * @param recipientCount how many envelope recipients the message was for
	 * @param attempts how many times the message was offered to the relay
	 * @param retryCauses why it was offered again, one entry per retry
	 * @param failedMessages the failed message and its failure, as Spring's
	 * MailSendException reports them
	 */
	public InfobipSendFailedException(String message, @Nullable Throwable cause, SmtpPhase phase,
			@Nullable SmtpReply reply, @Nullable String recipient, int recipientCount, int attempts,
			List<String> retryCauses, Map<Object, Exception> failedMessages) {
		super(message, cause, recipientCount, attempts, retryCauses, failedMessages);
		this.phase = phase;
		this.reply = reply;
		this.recipient = recipient;
	}

	/**
	 * Return {@link SendOutcome#REJECTED} for a permanent (5xx) refusal,
	 * {@link SendOutcome#FAILED} otherwise.
	 */
	@Override
	public SendOutcome getOutcome() {
		return (this.reply != null && this.reply.isPermanent()) ? SendOutcome.REJECTED : SendOutcome.FAILED;
	}

	/**
	 * Return the phase at which the relay refused or the connection failed.
	 * @return the phase
	 */
	public SmtpPhase getPhase() {
		return this.phase;
	}

	/**
	 * Return the relay's refusal.
	 * @return the reply, or {@code null} if the relay did not answer
	 */
	public @Nullable SmtpReply getReply() {
		return this.reply;
	}

	/**
	 * Return the refused recipient, when the relay refused at RCPT TO.
	 * @return the recipient, or {@code null}
	 */
	public @Nullable String getRecipient() {
		return this.recipient;
	}

}

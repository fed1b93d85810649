/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailSendException;

/**
 * The relay did not take the message: it refused it (the reply code and text say why) or
 * it could not be reached. Nothing was delivered; sending again is safe.
 *
 * @since 0.1.0
 */
public class InfobipSendFailedException extends MailSendException {

	private static final long serialVersionUID = 1L;

	private final SmtpPhase phase;

	private final int replyCode;

	private final @Nullable String serverReply;

	private final @Nullable String recipient;

	private final int attempts;

	/**
	 * Create an exception.
	 * @param message the description
	 * @param cause the failure
	 * @param phase the phase at which the relay refused or the connection failed
	 * @param replyCode the relay's reply code, or -1 without one
	 * @param serverReply the relay's reply text, if any
	 * @param recipient the refused recipient, when the relay refused at RCPT TO
	 * @param attempts how many times the message was offered to the relay
	 * @param failedMessages the failed message and its failure, as Spring's
	 * MailSendException reports them
	 */
	public InfobipSendFailedException(String message, @Nullable Throwable cause, SmtpPhase phase, int replyCode,
			@Nullable String serverReply, @Nullable String recipient, int attempts,
			Map<Object, Exception> failedMessages) {
		super(message, cause, failedMessages);
		this.phase = phase;
		this.replyCode = replyCode;
		this.serverReply = serverReply;
		this.recipient = recipient;
		this.attempts = attempts;
	}

	/**
	 * Return the phase at which the relay refused or the connection failed.
	 * @return the phase
	 */
	public SmtpPhase getPhase() {
		return this.phase;
	}

	/**
	 * Return the relay's reply code, for instance 554.
	 * @return the code, or -1 if the relay did not answer
	 */
	public int getReplyCode() {
		return this.replyCode;
	}

	/**
	 * Return the relay's reply text.
	 * @return the reply, or {@code null}
	 */
	public @Nullable String getServerReply() {
		return this.serverReply;
	}

	/**
	 * Return the refused recipient, when the relay refused at RCPT TO.
	 * @return the recipient, or {@code null}
	 */
	public @Nullable String getRecipient() {
		return this.recipient;
	}

	/**
	 * Return how many times the message was offered to the relay.
	 * @return the number of attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

}

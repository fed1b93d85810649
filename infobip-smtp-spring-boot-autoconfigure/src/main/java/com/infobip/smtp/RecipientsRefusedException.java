/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.Map;

import org.springframework.mail.MailSendException;

/**
 * The relay accepted the message for some recipients and refused others. The message went
 * to the accepted ones: do not send it to them again. Thrown by the
 * {@code JavaMailSender} methods, which return nothing; the methods returning an
 * {@link InfobipSendResult} report refused recipients in it instead.
 *
 * @since 0.1.0
 */
public class RecipientsRefusedException extends MailSendException {

	private static final long serialVersionUID = 1L;

	private final InfobipSendResult result;

	/**
	 * Create an exception.
	 * @param result the result, listing accepted and refused recipients
	 * @param failedMessages the message and its failure, as Spring's MailSendException
	 * reports them
	 */
	public RecipientsRefusedException(InfobipSendResult result, Map<Object, Exception> failedMessages) {
		super("Message sent to " + result.acceptedRecipients() + " but refused for " + result.refusedRecipients(), null,
				failedMessages);
		this.result = result;
	}

	/**
	 * Return the result, listing accepted and refused recipients.
	 * @return the result
	 */
	public InfobipSendResult getResult() {
		return this.result;
	}

}

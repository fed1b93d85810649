/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.infobip.smtp.RefusedRecipient;
import io.micrometer.observation.Observation;
import jakarta.mail.internet.MimeMessage;

/**
 * Observation context for sending one message through the relay.
 *
 * @since 0.1.0
 */
public class InfobipSendContext extends Observation.Context {

	private final MimeMessage message;

	private final String region;

	private int recipientCount;

	private List<RefusedRecipient> refusedRecipients = List.of();

	private SendOutcome outcome = SendOutcome.SUCCESS;

	private int attempts;

	private final List<String> retryCauses = new ArrayList<>();

	/**
	 * Create a context for one message.
	 * @param message the message being sent
	 * @param region the configured region, as a tag value
	 */
	public InfobipSendContext(MimeMessage message, String region) {
		this.message = message;
		this.region = region;
	}

	/**
	 * Return the message being sent.
	 * @return the message
	 */
	public MimeMessage getMessage() {
		return this.message;
	}

	/**
	 * Return the configured region, for instance "frankfurt".
	 * @return the region tag value
	 */
	public String getRegion() {
		return this.region;
	}

	/**
	 * Return the number of envelope recipients, known once the message was checked.
	 * @return the number of recipients
	 */
	public int getRecipientCount() {
		return this.recipientCount;
	}

	/**
	 * Set the number of envelope recipients.
	 * @param recipientCount the number of recipients
	 */
	public void setRecipientCount(int recipientCount) {
		this.recipientCount = recipientCount;
	}

	/**
	 * Return the recipients the relay refused while it took the message for the others.
	 * @return the refused recipients, empty unless the message was sent
	 */
	public List<RefusedRecipient> getRefusedRecipients() {
		return this.refusedRecipients;
	}

	/**
	 * Set the recipients the relay refused while it took the message for the others.
	 * @param refusedRecipients the refused recipients
	 */
	public void setRefusedRecipients(List<RefusedRecipient> refusedRecipients) {
		this.refusedRecipients = List.copyOf(refusedRecipients);
	}

	/**
	 * Return how many times the message was offered to the relay.
	 * @return the number of attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Record that an attempt starts.
	 */
	public void attemptStarted() {
		this.attempts++;
	}

	/**
	 * Return why the message was offered again, one entry per retry: a reply code such as
	 * "421", "connection_lost", or "stale_connection" when a pooled connection the relay
	 * had closed was replaced.
	 * @return the causes of the retries
	 */
	public List<String> getRetryCauses() {
		return Collections.unmodifiableList(this.retryCauses);
	}

	/**
	 * Record that the message is offered again, and why.
	 * @param cause the cause, a low-cardinality tag value
	 */
	public void retrying(String cause) {
		this.retryCauses.add(cause);
	}

	/**
	 * Return how the send ended.
	 * @return the outcome
	 */
	public SendOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the send ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(SendOutcome outcome) {
		this.outcome = outcome;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

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

	private SendOutcome outcome = SendOutcome.SUCCESS;

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

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.infobip.smtp.RefusedRecipient;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import jakarta.mail.internet.MimeMessage;

/**
 * Observation context for sending one message through the relay: a client call to a
 * remote service, the relay, whose carrier is the message. Tracing never writes into the
 * message (its propagation setter does nothing), so no trace id reaches a recipient. The
 * sender and its delivery write into the context what handlers observe; nothing is read
 * back from it.
 *
 * @since 0.1.0
 */
public class InfobipSendContext extends SenderContext<MimeMessage> {

	/** Remote service name of the relay, as tracing shows it. */
	public static final String REMOTE_SERVICE_NAME = "infobip-smtp";

	private final MimeMessage message;

	private final String region;

	private final String serverAddress;

	private final int serverPort;

	private int recipientCount;

	private List<RefusedRecipient> refusedRecipients = List.of();

	private SendOutcome outcome = SendOutcome.SUCCESS;

	private final List<String> retryCauses = new ArrayList<>();

	/**
	 * Create a context for one message.
	 * @param message the message being sent
	 * @param region the region whose relay is used, as a tag value
	 * @param serverAddress the relay's host name
	 * @param serverPort the relay's port
	 */
	public InfobipSendContext(MimeMessage message, String region, String serverAddress, int serverPort) {
		// trace context is not propagated into mail that leaves for recipients
		super((carrier, key, value) -> {
		}, Kind.CLIENT);
		setCarrier(message);
		setRemoteServiceName(REMOTE_SERVICE_NAME);
		setRemoteServiceAddress("smtp://" + serverAddress + ":" + serverPort);
		this.message = message;
		this.region = region;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
	}

	/**
	 * Return the message being sent.
	 * @return the message
	 */
	public MimeMessage getMessage() {
		return this.message;
	}

	/**
	 * Return the relay's host name.
	 * @return the host name
	 */
	public String getServerAddress() {
		return this.serverAddress;
	}

	/**
	 * Return the relay's port.
	 * @return the port
	 */
	public int getServerPort() {
		return this.serverPort;
	}

	/**
	 * Return the region whose relay is used, for instance "frankfurt", or "custom".
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

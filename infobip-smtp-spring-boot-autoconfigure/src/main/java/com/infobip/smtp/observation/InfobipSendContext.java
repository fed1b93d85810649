/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

import java.util.List;

import com.infobip.smtp.InfobipSendException;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SendOutcome;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import jakarta.mail.internet.MimeMessage;

/**
 * Observation context for sending one message through the relay: a client call to a
 * remote service, the relay, whose carrier is the message. Tracing never writes into the
 * message (its propagation setter does nothing), so no trace id reaches a recipient.
 * Everything about the outcome is read from the send's result (the response) or its
 * error, which the sender sets once when the send ends, as Micrometer's request-reply
 * contexts are set; nothing else writes into the context.
 *
 * @since 0.1.0
 */
public class InfobipSendContext extends RequestReplySenderContext<MimeMessage, InfobipSendResult> {

	/** Remote service name of the relay, as tracing shows it. */
	public static final String REMOTE_SERVICE_NAME = "infobip-smtp";

	private final String region;

	private final String serverAddress;

	private final int serverPort;

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
		this.region = region;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
	}

	/**
	 * Return the message being sent.
	 * @return the message
	 */
	public MimeMessage getMessage() {
		return getCarrier();
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
	 * Return how the send ended: a success until an error was set.
	 * @return the outcome
	 */
	public SendOutcome getOutcome() {
		return SendOutcome.of(getError());
	}

	/**
	 * Return the number of envelope recipients, known once the send ended.
	 * @return the number of recipients
	 */
	public int getRecipientCount() {
		InfobipSendResult result = getResponse();
		if (result != null) {
			return result.acceptedRecipients().size() + result.refusedRecipients().size();
		}
		return (getError() instanceof InfobipSendException ex) ? ex.getRecipientCount() : 0;
	}

	/**
	 * Return the recipients the relay refused while it took the message for the others.
	 * @return the refused recipients, empty unless the message was sent
	 */
	public List<RefusedRecipient> getRefusedRecipients() {
		InfobipSendResult result = getResponse();
		return (result != null) ? result.refusedRecipients() : List.of();
	}

	/**
	 * Return why the message was offered again, one entry per retry: a reply code such as
	 * "421", "connection_lost", or "stale_connection" when a pooled connection the relay
	 * had closed was replaced.
	 * @return the causes of the retries
	 */
	public List<String> getRetryCauses() {
		InfobipSendResult result = getResponse();
		if (result != null) {
			return result.retryCauses();
		}
		return (getError() instanceof InfobipSendException ex) ? ex.getRetryCauses() : List.of();
	}

}

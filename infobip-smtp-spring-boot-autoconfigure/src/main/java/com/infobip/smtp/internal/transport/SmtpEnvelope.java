/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.List;

/**
 * The envelope of one message as it goes on the wire: the addresses of MAIL FROM and of
 * every RCPT TO, each in the form {@link EnvelopeAddresses#toWire} gives, which the
 * transport writes and nothing else.
 *
 * @param sender the envelope sender
 * @param recipients the envelope recipients, in order
 * @since 0.1.0
 */
public record SmtpEnvelope(String sender, List<String> recipients) {

	/**
	 * Create an envelope.
	 * @param sender the envelope sender
	 * @param recipients the envelope recipients, in order
	 * @throws IllegalArgumentException if an address is not in its wire form or there is
	 * no recipient
	 */
	public SmtpEnvelope {
		recipients = List.copyOf(recipients);
		if (recipients.isEmpty()) {
			throw new IllegalArgumentException("An envelope needs at least one recipient");
		}
		checkWireForm(sender);
		recipients.forEach(SmtpEnvelope::checkWireForm);
	}

	private static void checkWireForm(String address) {
		if (!EnvelopeAddresses.toWire(address).equals(address)) {
			throw new IllegalArgumentException("Envelope address is not in the form it is written in");
		}
	}

	@Override
	public String toString() {
		// addresses are personal data
		return "SmtpEnvelope[recipients=" + this.recipients.size() + "]";
	}

}

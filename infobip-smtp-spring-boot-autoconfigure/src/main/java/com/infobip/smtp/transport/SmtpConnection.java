/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.transport;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * One open, authenticated connection to the relay. Not thread-safe: one message at a
 * time.
 *
 * @since 0.1.0
 */
public class SmtpConnection implements AutoCloseable {

	private final SMTPTransport transport;

	SmtpConnection(SMTPTransport transport) {
		this.transport = transport;
	}

	/**
	 * Send a message to the given envelope recipients.
	 * @param message the message, its changes saved
	 * @param recipients the envelope recipients (RCPT TO)
	 * @return the server's reply to the end of the data
	 * @throws MessagingException if the server refuses the message or the connection
	 * fails
	 */
	public @Nullable String send(MimeMessage message, Address[] recipients) throws MessagingException {
		this.transport.sendMessage(message, recipients);
		return this.transport.getLastServerResponse();
	}

	/**
	 * Return whether the connection is still usable. This asks the server (NOOP), so call
	 * it only after a failure.
	 * @return whether the connection is open
	 */
	public boolean isOpen() {
		return this.transport.isConnected();
	}

	/**
	 * Close the connection with QUIT.
	 */
	@Override
	public void close() {
		try {
			this.transport.close();
		}
		catch (MessagingException ex) {
			// the connection is gone either way
		}
	}

}

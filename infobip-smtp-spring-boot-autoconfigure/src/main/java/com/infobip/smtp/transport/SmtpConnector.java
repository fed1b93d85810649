/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.transport;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Opens authenticated connections to the relay: TCP, TLS or STARTTLS with the server's
 * certificate and host name verified, EHLO, then AUTH. A server that offers no AUTH is
 * refused, so nothing is ever sent unauthenticated.
 *
 * @since 0.1.0
 */
public class SmtpConnector {

	private final SmtpConnectionSettings settings;

	private final Session session;

	/**
	 * Create a connector for the given settings.
	 * @param settings where and how to connect
	 */
	public SmtpConnector(SmtpConnectionSettings settings) {
		this.settings = settings;
		this.session = Session.getInstance(SmtpSessionProperties.of(settings));
	}

	/**
	 * Return the settings this connector uses.
	 * @return the settings
	 */
	public SmtpConnectionSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the Jakarta Mail session, for creating messages.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * Open a connection and authenticate.
	 * @return the open, authenticated connection
	 * @throws MessagingException if the connection, the TLS handshake or AUTH fails
	 */
	public SmtpConnection connect() throws MessagingException {
		SMTPTransport transport = transport();
		transport.connect(this.settings.host(), this.settings.port(), this.settings.username(),
				this.settings.password());
		if (!transport.supportsExtension("AUTH") && !transport.supportsExtension("AUTH=LOGIN")) {
			transport.close();
			throw new MessagingException("SMTP server " + describe() + " does not offer AUTH; refusing to send");
		}
		return new SmtpConnection(transport);
	}

	/**
	 * Describe the relay for messages, for instance "smtp-api.infobip.com:587
	 * (STARTTLS)".
	 * @return the description
	 */
	public String describe() {
		return this.settings.host() + ":" + this.settings.port() + " (" + this.settings.security() + ")";
	}

	private SMTPTransport transport() throws NoSuchProviderException {
		return (SMTPTransport) this.session.getTransport("smtp");
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.List;
import java.util.Properties;

import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpPhase;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;

/**
 * Opens authenticated connections to the relay: TCP, TLS or STARTTLS with the server's
 * certificate and host name verified, EHLO, then AUTH. A server that offers no AUTH is
 * refused, so nothing is ever sent unauthenticated.
 *
 * @since 0.1.0
 */
public class SmtpConnector {

	private static final Provider PROVIDER = new Provider(Provider.Type.TRANSPORT, "smtp",
			InfobipSmtpTransport.class.getName(), "Infobip SMTP Spring Boot Starter", "0.1.0");

	private final SmtpConnectionSettings settings;

	private final Session session;

	private final Session preparedMessageSession;

	/**
	 * Create a connector for the given settings.
	 * @param settings where and how to connect
	 */
	public SmtpConnector(SmtpConnectionSettings settings) {
		this(settings, true);
	}

	/**
	 * Create a connector for the given settings.
	 * @param settings where and how to connect
	 * @param pipelining whether to pipeline commands when the relay offers PIPELINING
	 */
	public SmtpConnector(SmtpConnectionSettings settings, boolean pipelining) {
		this.settings = settings;
		Properties properties = SmtpSessionProperties.of(settings);
		properties.setProperty(InfobipSmtpTransport.PIPELINING_PROPERTY, String.valueOf(pipelining));
		this.session = Session.getInstance(properties);
		Properties prepared = new Properties();
		prepared.putAll(properties);
		// header lines were written as UTF-8 (as MimeBodyPart writes them): read them so
		prepared.setProperty("mail.mime.allowutf8", String.valueOf(HeaderSafeLineOutputStream.ALLOW_UTF8));
		this.preparedMessageSession = Session.getInstance(prepared);
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
	 * Return the Jakarta Mail session for reading prepared messages back from their
	 * bytes, decoding header lines as they were written.
	 * @return the session
	 */
	public Session getPreparedMessageSession() {
		return this.preparedMessageSession;
	}

	/**
	 * Open a connection and authenticate.
	 * @return the open, authenticated connection
	 * @throws SmtpFailure if the connection, the TLS handshake or AUTH fails
	 */
	public SmtpConnection connect() throws SmtpFailure {
		InfobipSmtpTransport transport = transport();
		try {
			transport.connect(this.settings.host(), this.settings.port(), this.settings.username(),
					this.settings.password());
		}
		catch (MessagingException ex) {
			throw connectFailure(transport, TlsProtocols.explain(ex, this.settings.tlsProtocols()));
		}
		if (!transport.supportsExtension("AUTH") && !transport.supportsExtension("AUTH=LOGIN")) {
			new SmtpConnection(transport).close();
			throw new SmtpFailure(SmtpPhase.AUTH, -1, null, List.of(), new MessagingException(
					"SMTP server " + describe() + " does not offer AUTH; refusing to send unauthenticated"));
		}
		return new SmtpConnection(transport);
	}

	/**
	 * Describe the relay for messages, for instance "smtp-api.infobip.com:587
	 * (STARTTLS)".
	 * @return the description
	 */
	public String describe() {
		return this.settings.describe();
	}

	private InfobipSmtpTransport transport() throws SmtpFailure {
		try {
			return (InfobipSmtpTransport) this.session.getTransport(PROVIDER);
		}
		catch (NoSuchProviderException ex) {
			throw new SmtpFailure(SmtpPhase.CONNECT, -1, null, List.of(), ex);
		}
	}

	private static SmtpFailure connectFailure(InfobipSmtpTransport transport, MessagingException ex) {
		SmtpPhase phase = (ex instanceof AuthenticationFailedException) ? SmtpPhase.AUTH : SmtpPhase.CONNECT;
		int code = SmtpReplies.replyCode(ex);
		if (code < 0 && transport.getLastReturnCode() >= 400) {
			// a refused greeting, such as 421, is reported without a typed code
			code = transport.getLastReturnCode();
		}
		String reply = (code >= 0 && transport.getLastServerResponse() != null)
				? transport.getLastServerResponse().trim() : null;
		return new SmtpFailure(phase, code, reply, List.of(), ex);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.infobip.smtp.SmtpPhase;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport that remembers how far a send got, so that a failure after
 * the end-of-data dot (the relay may have queued the message) is never mistaken for one
 * that is safe to retry. Public only because Jakarta Mail instantiates it reflectively.
 *
 * @since 0.1.0
 */
public class TrackingSmtpTransport extends SMTPTransport {

	// Angus names its protocol trace logger after this class's package. The trace holds
	// whole messages (personal data, the webhook token in X-IB-notify-url), so it stays
	// off whatever level an application gives the starter's log category. Held here so
	// that java.util.logging keeps the level.
	private static final Logger PROTOCOL_TRACE = Logger
		.getLogger(TrackingSmtpTransport.class.getPackageName() + ".protocol");

	private volatile SmtpPhase phase = SmtpPhase.CONNECT;

	/**
	 * Create a transport, as Jakarta Mail does.
	 * @param session the session
	 * @param urlName the URL name
	 */
	public TrackingSmtpTransport(Session session, URLName urlName) {
		super(session, urlName);
		// again for every transport: a logging system that resets java.util.logging
		// levels (Logback's LevelChangePropagator does) would otherwise turn it back on
		PROTOCOL_TRACE.setLevel(Level.OFF);
	}

	/**
	 * Return the step the last send reached.
	 * @return the phase
	 */
	public SmtpPhase getPhase() {
		return this.phase;
	}

	@Override
	public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
		this.phase = SmtpPhase.MAIL;
		super.sendMessage(message, addresses);
	}

	@Override
	protected void mailFrom() throws MessagingException {
		this.phase = SmtpPhase.MAIL;
		super.mailFrom();
	}

	@Override
	protected void rcptTo() throws MessagingException {
		this.phase = SmtpPhase.RCPT;
		super.rcptTo();
	}

	@Override
	protected OutputStream data() throws MessagingException {
		this.phase = SmtpPhase.DATA;
		// The line stream MimeBodyPart.writeTo would wrap the data stream in, made here:
		// given one, jakarta.mail-api skips its StreamProvider lookup, a class path scan
		// on every message (jakartaee/mail-api#861). It also refuses header lines that
		// would break the header block.
		return new HeaderSafeLineOutputStream(super.data(), HeaderSafeLineOutputStream.ALLOW_UTF8);
	}

	@Override
	protected void finishData() throws IOException, MessagingException {
		// from here on the relay may have the whole message
		this.phase = SmtpPhase.END_OF_DATA;
		super.finishData();
	}

}

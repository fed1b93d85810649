/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.transport;

import java.io.IOException;
import java.io.OutputStream;

import com.infobip.smtp.SmtpPhase;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.LineOutputStream;

/**
 * Angus Mail's SMTP transport that remembers how far a send got, so that a failure after
 * the end-of-data dot (the relay may have queued the message) is never mistaken for one
 * that is safe to retry. Public only because Jakarta Mail instantiates it reflectively.
 *
 * @since 0.1.0
 */
public class TrackingSmtpTransport extends SMTPTransport {

	private volatile SmtpPhase phase = SmtpPhase.CONNECT;

	private final boolean allowUtf8;

	/**
	 * Create a transport, as Jakarta Mail does.
	 * @param session the session
	 * @param urlName the URL name
	 */
	public TrackingSmtpTransport(Session session, URLName urlName) {
		super(session, urlName);
		this.allowUtf8 = Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
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
		// The same line stream MimeMessage.writeTo would wrap the data stream in, made
		// here: given one, jakarta.mail-api skips its StreamProvider lookup, a class path
		// scan on every message (jakartaee/mail-api#861)
		return new LineOutputStream(super.data(), this.allowUtf8);
	}

	@Override
	protected void finishData() throws IOException, MessagingException {
		// from here on the relay may have the whole message
		this.phase = SmtpPhase.END_OF_DATA;
		super.finishData();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jspecify.annotations.Nullable;

/**
 * What the transport hands Angus Mail's {@code SMTPTransport.sendMessage} in place of the
 * message being sent: its envelope sender as the transport read it (so Angus does not
 * parse the From header once more), the message's other SMTP options (DSN, submitter,
 * MAIL extension) and its From, and a {@code writeTo} that writes the message with
 * {@link MimePartWriter}, which looks no stream provider up. Angus reads nothing else of
 * it but the subject, only to hand it to a method that does nothing: decoding a non-ASCII
 * subject would cost a look-up, so there is none. One per transport, which sends one
 * message at a time.
 */
final class OutgoingMessage extends SMTPMessage {

	private final MimePartWriter writer;

	private @Nullable MimeMessage message;

	OutgoingMessage(Session session, MimePartWriter writer) {
		super(session);
		this.writer = writer;
	}

	/**
	 * Stand for the message until {@link #clear()}.
	 * @param message the message
	 * @param sender its envelope sender, as {@link EnvelopeAddresses#senderOf} read it:
	 * Angus takes it rather than parsing the From header once more
	 */
	void set(MimeMessage message, String sender) {
		this.message = message;
		SMTPMessage options = (message instanceof SMTPMessage smtpMessage) ? smtpMessage : null;
		setEnvelopeFrom(sender);
		setNotifyOptions((options != null) ? options.getNotifyOptions() : 0);
		setReturnOption((options != null) ? options.getReturnOption() : 0);
		setSendPartial(options != null && options.getSendPartial());
		setSubmitter((options != null) ? options.getSubmitter() : null);
		setMailExtension((options != null) ? options.getMailExtension() : null);
	}

	void clear() {
		this.message = null;
		setEnvelopeFrom(null);
		setSubmitter(null);
		setMailExtension(null);
	}

	/**
	 * Return whether Angus may convert the message's parts to 8bit before sending it,
	 * which only the message itself can undergo: it is then sent as it is.
	 */
	static boolean mayConvertTo8Bit(MimeMessage message, Session session) {
		return (message instanceof SMTPMessage smtpMessage && smtpMessage.getAllow8bitMIME())
				|| "true".equalsIgnoreCase(session.getProperty("mail.smtp.allow8bitmime"));
	}

	@Override
	public @Nullable String getSubject() {
		return null;
	}

	@Override
	public Address @Nullable [] getFrom() throws MessagingException {
		return message().getFrom();
	}

	@Override
	public void writeTo(OutputStream out, String @Nullable [] ignoredHeaders) throws IOException, MessagingException {
		this.writer.writeMessage(message(), out, ignoredHeaders);
	}

	private MimeMessage message() {
		MimeMessage current = this.message;
		if (current == null) {
			throw new IllegalStateException("No message is being sent");
		}
		return current;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;

import com.infobip.smtp.test.relay.Faults.Fault;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One mail transaction: MAIL FROM, RCPT TO and the data, answered as Infobip's relay
 * answers them unless a fault is scripted.
 */
final class RelayTransaction implements MessageHandler {

	private final Session session;

	private final Faults faults;

	private final Traffic traffic;

	private final Supplier<String> messageIds;

	private String from = "";

	private final List<String> recipients = new ArrayList<>();

	RelayTransaction(MessageContext context, Faults faults, Traffic traffic, Supplier<String> messageIds) {
		this.session = (Session) context;
		this.faults = faults;
		this.traffic = traffic;
		this.messageIds = messageIds;
	}

	@Override
	public void from(String from) throws RejectException {
		int code = this.faults.senderRefusalCode();
		if (code > 0) {
			throw new RejectException(code, "5.7.1 Sender address rejected: " + from);
		}
		this.from = from;
	}

	@Override
	public void recipient(String recipient) throws RejectException {
		this.faults.holdIf(Fault.HOLD_AT_RECIPIENT);
		int refusal = this.faults.recipientRefusalCode(recipient);
		if (refusal > 0) {
			throw new RejectException(refusal, "5.1.1 Recipient address rejected: " + recipient);
		}
		if (this.faults.take(Fault.DROP_AT_RECIPIENT)) {
			close();
			return;
		}
		int code = this.faults.takeRecipientFailure();
		if (code >= 500) {
			throw new RejectException(code, "5.1.1 Recipient address rejected: " + recipient);
		}
		if (code > 0) {
			throw new RejectException(code, "4.3.0 Temporary failure, try again later");
		}
		this.recipients.add(recipient);
	}

	@Override
	public String data(InputStream data) throws RejectException, IOException {
		byte[] bytes = data.readAllBytes();
		// SubEthaSMTP checks only a size declared in MAIL FROM, which may be absent
		if (bytes.length > SmtpTestRelay.MAX_MESSAGE_SIZE) {
			throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
		}
		sleep(this.faults.dataDelay());
		int code = this.faults.takeDataFailure();
		if (code >= 500) {
			throw new RejectException(code, "5.7.1 Message refused");
		}
		if (code > 0) {
			throw new RejectException(code, "4.3.0 Temporary failure, try again later");
		}
		String messageId = this.messageIds.get();
		String user = this.session.getAuthenticationHandler()
			.map(AuthenticationHandler::getIdentity)
			.map(String::valueOf)
			.orElse(null);
		boolean tls = this.session.getSocket() instanceof SSLSocket;
		this.traffic.queued(new QueuedMessage(this.from, this.recipients, bytes, messageId, user, tls), this.session);
		// queued, but the answer waits for the test
		this.faults.holdIf(Fault.HOLD_AFTER_DATA);
		if (this.faults.take(Fault.DROP_AFTER_DATA)) {
			// queued, but the client never hears so
			close();
		}
		return "2.6.0 Message queued as <" + messageId + ">";
	}

	@Override
	public void done() {
	}

	private void close() {
		try {
			this.session.closeSocket();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	private static void sleep(Duration duration) {
		if (!duration.isZero()) {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}

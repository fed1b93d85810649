/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.IOException;
import java.time.Duration;

import com.infobip.smtp.test.relay.Faults.Fault;
import org.subethamail.smtp.server.Session;

/**
 * The fault methods of an {@link SmtpTestRelay}: each scripts a fault for the next
 * connections, AUTHs, commands or messages it applies to, or for all from now on, and
 * returns the relay; {@link #release()} answers the replies held back. Not a type of its
 * own for users: it holds part of the relay's public methods, which users call on
 * {@link SmtpTestRelay}.
 */
abstract sealed class RelayFaultInjection extends RelayObservations permits SmtpTestRelay {

	RelayFaultInjection(Traffic traffic, Faults faults) {
		super(traffic, faults);
	}

	/**
	 * Greet the next {@code count} connections with "421 4.7.0 Service not available" and
	 * close them.
	 * @param count how many connections
	 * @return this relay
	 */
	public SmtpTestRelay refuseGreetings(int count) {
		this.faults.add(Fault.GREETING, count);
		return relay();
	}

	/**
	 * Refuse the next {@code count} AUTH commands with 535, whatever the credentials.
	 * @param count how many AUTH commands
	 * @return this relay
	 */
	public SmtpTestRelay refuseAuthentications(int count) {
		this.faults.add(Fault.AUTHENTICATION, count);
		return relay();
	}

	/**
	 * Refuse every MAIL FROM with the given code from now on ("5.7.1 Sender address
	 * rejected"), or accept senders again with 0.
	 * @param code the reply code, or 0
	 * @return this relay
	 */
	public SmtpTestRelay refuseSenders(int code) {
		this.faults.refuseSenders(code);
		return relay();
	}

	/**
	 * Answer the next {@code count} RCPT TO commands with the given code: a 4xx code with
	 * "4.3.0 Temporary failure, try again later", a 5xx code with "5.1.1 Recipient
	 * address rejected". Failures of lower codes are injected first.
	 * @param count how many recipients
	 * @param code the reply code, for instance 451 or 550
	 * @return this relay
	 */
	public SmtpTestRelay failRecipients(int count, int code) {
		this.faults.addRecipientFailures(count, code);
		return relay();
	}

	/**
	 * Refuse the given recipient with the given code ("5.1.1 Recipient address
	 * rejected"), every time.
	 * @param address the recipient
	 * @param code the reply code, such as 550
	 * @return this relay
	 */
	public SmtpTestRelay refuseRecipient(String address, int code) {
		this.faults.refuseRecipient(address, code);
		return relay();
	}

	/**
	 * Close the connection at the next {@code count} RCPT TO commands, unanswered.
	 * @param count how many recipients
	 * @return this relay
	 */
	public SmtpTestRelay dropAtRecipient(int count) {
		this.faults.add(Fault.DROP_AT_RECIPIENT, count);
		return relay();
	}

	/**
	 * Hold back the answer to the next {@code count} RCPT TO commands until
	 * {@link #release()}.
	 * @param count how many recipients
	 * @return this relay
	 */
	public SmtpTestRelay holdAtRecipient(int count) {
		this.faults.add(Fault.HOLD_AT_RECIPIENT, count);
		return relay();
	}

	/**
	 * Read the next {@code count} messages whole, then answer their end of data with the
	 * given code: a 4xx code with "4.3.0 Temporary failure, try again later", a 5xx code
	 * with "5.7.1 Message refused". The messages are not queued. Failures of lower codes
	 * are injected first.
	 * @param count how many messages
	 * @param code the reply code, for instance 451 or 554
	 * @return this relay
	 */
	public SmtpTestRelay failData(int count, int code) {
		this.faults.addDataFailures(count, code);
		return relay();
	}

	/**
	 * Queue the next {@code count} messages, then close their connection without
	 * answering: the client cannot know whether they were taken.
	 * @param count how many messages
	 * @return this relay
	 */
	public SmtpTestRelay dropAfterData(int count) {
		this.faults.add(Fault.DROP_AFTER_DATA, count);
		return relay();
	}

	/**
	 * Queue the next {@code count} messages, but hold the answer to their end of data
	 * back until {@link #release()}.
	 * @param count how many messages
	 * @return this relay
	 */
	public SmtpTestRelay holdAfterData(int count) {
		this.faults.add(Fault.HOLD_AFTER_DATA, count);
		return relay();
	}

	/**
	 * Wait this long before answering the end of the data of every message from now on.
	 * @param delay the delay
	 * @return this relay
	 */
	public SmtpTestRelay dataDelay(Duration delay) {
		this.faults.dataDelay(delay);
		return relay();
	}

	/**
	 * Greet connections beyond {@code count} open at once with "421 4.7.0 Too many
	 * connections" and close them, as a relay that limits connections per account does.
	 * @param count the most connections open at once
	 * @return this relay
	 */
	public SmtpTestRelay maxConnections(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1");
		}
		this.traffic.maxConnections(count);
		return relay();
	}

	/**
	 * Answer every reply held back now, and let every reply scripted to be held answer at
	 * once. Replies scripted to be held afterwards are held again.
	 */
	public void release() {
		this.faults.release();
	}

	/**
	 * Close every open connection from the server side, as a relay does with idle
	 * connections.
	 */
	public void dropAllConnections() {
		for (Session session : this.traffic.openSessions()) {
			try {
				session.closeSocket();
			}
			catch (IOException ex) {
				// closed anyway
			}
		}
	}

	private SmtpTestRelay relay() {
		// the only subclass
		return (SmtpTestRelay) this;
	}

}

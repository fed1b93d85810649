/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.time.Duration;
import java.util.List;

/**
 * The getters of an {@link SmtpTestRelay} for what it saw: the messages it queued and the
 * envelope commands it received, the sessions, QUIT commands, AUTH attempts and TLS
 * sessions it counted, and the replies it held back. Not a type of its own for users: it
 * holds part of the relay's public methods, which users call on {@link SmtpTestRelay}.
 */
abstract sealed class RelayObservations permits RelayFaultInjection {

	final Traffic traffic;

	final Faults faults;

	RelayObservations(Traffic traffic, Faults faults) {
		this.traffic = traffic;
		this.faults = faults;
	}

	/**
	 * Return the messages queued so far (since the last {@link SmtpTestRelay#reset()}),
	 * in the order they were queued; none when the relay keeps no messages.
	 * @return the messages
	 */
	public List<QueuedMessage> getMessages() {
		return this.traffic.messages();
	}

	/**
	 * Wait until at least {@code count} messages are kept.
	 * @param count the number of messages
	 * @param timeout how long to wait at most
	 * @return whether the relay holds {@code count} messages, {@code false} when the
	 * timeout passed first
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitMessages(int count, Duration timeout) throws InterruptedException {
		return this.traffic.awaitMessages(count, timeout);
	}

	/**
	 * Return how many messages were queued, kept or not, since the relay started.
	 * @return the number of messages
	 */
	public int getMessageCount() {
		return this.traffic.messageCount();
	}

	/**
	 * Return how many messages each session queued, in the order of their first message.
	 * @return the counts
	 */
	public List<Integer> getMessagesPerSession() {
		return this.traffic.messagesPerSession();
	}

	/**
	 * Return the MAIL FROM and RCPT TO command lines received so far (since the last
	 * {@link SmtpTestRelay#reset()}), in order, as the client sent them, parameters
	 * included; none when the relay keeps no messages.
	 * @return the command lines
	 */
	public List<String> getEnvelopeCommands() {
		return this.traffic.envelopeCommands();
	}

	/**
	 * Return how many sessions were accepted (greeted with 220).
	 * @return the number of sessions
	 */
	public int getSessionCount() {
		return this.traffic.sessions();
	}

	/**
	 * Return how many sessions are open now.
	 * @return the number of open sessions
	 */
	public int getOpenSessionCount() {
		return this.traffic.openSessionCount();
	}

	/**
	 * Return the most sessions that were open at once.
	 * @return the peak of concurrent sessions
	 */
	public int getMaxConcurrentSessions() {
		return this.traffic.maxConcurrentSessions();
	}

	/**
	 * Return how many connections were greeted with a refusal by
	 * {@link SmtpTestRelay#refuseGreetings(int)}; those refused by
	 * {@link SmtpTestRelay#maxConnections(int)} are not counted.
	 * @return the number of refused greetings
	 */
	public int getRefusedGreetings() {
		return this.traffic.refusedGreetings();
	}

	/**
	 * Return how many sessions the client ended with QUIT.
	 * @return the number of QUIT commands
	 */
	public int getQuitCount() {
		return this.traffic.quits();
	}

	/**
	 * Return how many times a client tried AUTH.
	 * @return the number of AUTH attempts
	 */
	public int getAuthAttempts() {
		return this.traffic.authAttempts();
	}

	/**
	 * Return the TLS version and cipher suite of every session that tried AUTH over TLS,
	 * in order.
	 * @return the TLS sessions
	 */
	public List<TlsSession> getTlsSessions() {
		return this.traffic.tlsSessions();
	}

	/**
	 * Return how many replies are held back now or were held back.
	 * @return the number of held replies
	 */
	public int getHeldReplies() {
		return this.faults.heldReplies();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.subethamail.smtp.server.Session;

/**
 * What an {@link SmtpTestRelay} saw: sessions, open and at most at once, under a cap it
 * enforces; AUTH attempts, QUIT commands and envelope command lines; messages, kept or
 * only counted. Thread-safe.
 */
final class Traffic {

	private final boolean keepMessages;

	private final List<Session> openSessions = new ArrayList<>();

	private int maxConnections = Integer.MAX_VALUE;

	private final AtomicInteger sessions = new AtomicInteger();

	private final AtomicInteger maxConcurrentSessions = new AtomicInteger();

	private final AtomicInteger refusedGreetings = new AtomicInteger();

	private final AtomicInteger authAttempts = new AtomicInteger();

	private final AtomicInteger quits = new AtomicInteger();

	private final AtomicInteger messageCount = new AtomicInteger();

	private final List<TlsSession> tlsSessions = new ArrayList<>();

	private final List<QueuedMessage> messages = new ArrayList<>();

	private final List<String> envelopeCommands = new ArrayList<>();

	// messages queued per session, by session id, in the order of their first message
	private final Map<String, AtomicInteger> messagesPerSession = new LinkedHashMap<>();

	Traffic(boolean keepMessages) {
		this.keepMessages = keepMessages;
	}

	/**
	 * Open a session unless the cap is reached.
	 * @param session the session
	 * @return whether it was opened
	 */
	boolean open(Session session) {
		synchronized (this.openSessions) {
			if (this.openSessions.size() >= this.maxConnections) {
				return false;
			}
			this.openSessions.add(session);
			this.maxConcurrentSessions.accumulateAndGet(this.openSessions.size(), Math::max);
		}
		this.sessions.incrementAndGet();
		return true;
	}

	void closed(Session session) {
		synchronized (this.openSessions) {
			this.openSessions.remove(session);
		}
	}

	List<Session> openSessions() {
		synchronized (this.openSessions) {
			return List.copyOf(this.openSessions);
		}
	}

	void maxConnections(int count) {
		synchronized (this.openSessions) {
			this.maxConnections = count;
		}
	}

	void refusedGreeting() {
		this.refusedGreetings.incrementAndGet();
	}

	void commandLine(String line) {
		if (line.regionMatches(true, 0, "QUIT", 0, 4)) {
			this.quits.incrementAndGet();
		}
		else if (this.keepMessages) {
			synchronized (this.envelopeCommands) {
				this.envelopeCommands.add(line);
			}
		}
	}

	void authAttempt(Session session) {
		this.authAttempts.incrementAndGet();
		if (session.getSocket() instanceof SSLSocket socket) {
			synchronized (this.tlsSessions) {
				this.tlsSessions
					.add(new TlsSession(socket.getSession().getProtocol(), socket.getSession().getCipherSuite()));
			}
		}
	}

	void queued(QueuedMessage message, Session session) {
		this.messageCount.incrementAndGet();
		synchronized (this.messagesPerSession) {
			this.messagesPerSession.computeIfAbsent(session.getSessionId(), (id) -> new AtomicInteger())
				.incrementAndGet();
		}
		if (this.keepMessages) {
			synchronized (this.messages) {
				this.messages.add(message);
				this.messages.notifyAll();
			}
		}
	}

	boolean awaitMessages(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.messages) {
			while (this.messages.size() < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.messages, left);
			}
			return true;
		}
	}

	/**
	 * Forget the messages and envelope commands, and lift the cap; the counters go on.
	 */
	void reset() {
		synchronized (this.messages) {
			this.messages.clear();
		}
		synchronized (this.envelopeCommands) {
			this.envelopeCommands.clear();
		}
		maxConnections(Integer.MAX_VALUE);
	}

	List<QueuedMessage> messages() {
		synchronized (this.messages) {
			return List.copyOf(this.messages);
		}
	}

	List<String> envelopeCommands() {
		synchronized (this.envelopeCommands) {
			return List.copyOf(this.envelopeCommands);
		}
	}

	List<TlsSession> tlsSessions() {
		synchronized (this.tlsSessions) {
			return List.copyOf(this.tlsSessions);
		}
	}

	List<Integer> messagesPerSession() {
		synchronized (this.messagesPerSession) {
			return this.messagesPerSession.values().stream().map(AtomicInteger::get).toList();
		}
	}

	int openSessionCount() {
		synchronized (this.openSessions) {
			return this.openSessions.size();
		}
	}

	int sessions() {
		return this.sessions.get();
	}

	int maxConcurrentSessions() {
		return this.maxConcurrentSessions.get();
	}

	int refusedGreetings() {
		return this.refusedGreetings.get();
	}

	int authAttempts() {
		return this.authAttempts.get();
	}

	int quits() {
		return this.quits.get();
	}

	int messageCount() {
		return this.messageCount.get();
	}

}

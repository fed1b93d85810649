/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.net.SocketException;

import com.infobip.smtp.test.relay.Faults.Fault;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Greets a connection with 220, or with 421 for a scripted refusal or beyond the cap on
 * open connections.
 */
final class RelaySessions implements SessionHandler {

	private final Faults faults;

	private final Traffic traffic;

	private final boolean noDelay;

	/**
	 * Create the handler.
	 * @param faults the faults to inject
	 * @param traffic where sessions are counted
	 * @param noDelay whether to switch off Nagle's algorithm: an RFC 2920 server sends
	 * the replies to a group at once, while SubEthaSMTP writes each on its own and
	 * Nagle's algorithm would hold them for the client's ACK
	 */
	RelaySessions(Faults faults, Traffic traffic, boolean noDelay) {
		this.faults = faults;
		this.traffic = traffic;
		this.noDelay = noDelay;
	}

	@Override
	public SessionAcceptance accept(Session session) {
		if (this.faults.take(Fault.GREETING)) {
			this.traffic.refusedGreeting();
			return SessionAcceptance.failure(421, "4.7.0 Service not available, try again later");
		}
		if (this.noDelay) {
			try {
				session.getSocket().setTcpNoDelay(true);
			}
			catch (SocketException ex) {
				// closed
			}
		}
		if (!this.traffic.open(session)) {
			return SessionAcceptance.failure(421, "4.7.0 Too many connections, try again later");
		}
		return SessionAcceptance.success();
	}

	@Override
	public void onSessionEnd(Session session) {
		this.traffic.closed(session);
	}

}

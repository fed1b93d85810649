/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A SubEthaSMTP relay on a loopback port, like Infobip's port 587: STARTTLS required
 * before anything else, then AUTH required. Records every AUTH attempt and every message
 * received.
 */
public final class StartTlsRelay implements AutoCloseable {

	private final SMTPServer server;

	private final AtomicInteger authAttempts = new AtomicInteger();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private StartTlsRelay(TestCertificates.ServerIdentity identity, boolean offerStartTls) {
		SMTPServer.Builder builder = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
			.requireAuth()
			.messageHandlerFactory(this::handler);
		if (offerStartTls) {
			builder.enableTLS().requireTLS().startTlsSocketFactory(identity.sslContext());
		}
		else {
			builder.enableTLS(false).showAuthCapabilitiesBeforeSTARTTLS(true);
		}
		this.server = builder.build();
		this.server.start();
	}

	/**
	 * Start a relay that offers and requires STARTTLS with the given identity.
	 * @param identity the certificate the relay presents
	 * @return the running relay
	 */
	public static StartTlsRelay start(TestCertificates.ServerIdentity identity) {
		return new StartTlsRelay(identity, true);
	}

	/**
	 * Start a relay that does not offer STARTTLS but offers AUTH in plain text.
	 * @return the running relay
	 */
	public static StartTlsRelay startWithoutStartTls() {
		return new StartTlsRelay(TestCertificates.LOCALHOST, false);
	}

	/**
	 * Return the port the relay listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getPortAllocated();
	}

	/**
	 * Return how many times a client tried AUTH.
	 * @return the number of AUTH attempts
	 */
	public int authAttempts() {
		return this.authAttempts.get();
	}

	/**
	 * Return the messages received so far.
	 * @return the messages
	 */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private void login(String username, String password, MessageContext context) throws LoginFailedException {
		this.authAttempts.incrementAndGet();
		if (!GreenMailRelays.API_KEY_USER.equals(username) || !GreenMailRelays.API_KEY.equals(password)) {
			throw new LoginFailedException();
		}
	}

	private MessageHandler handler(MessageContext context) {
		return new MessageHandler() {

			private String from;

			private final List<String> recipients = new ArrayList<>();

			@Override
			public void from(String from) {
				this.from = from;
			}

			@Override
			public void recipient(String recipient) {
				this.recipients.add(recipient);
			}

			@Override
			public String data(InputStream data) throws IOException {
				StartTlsRelay.this.received.add(new Received(this.from, List.copyOf(this.recipients),
						new String(data.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
				return null;
			}

			@Override
			public void done() {
			}

		};
	}

	/**
	 * A message as the relay received it.
	 *
	 * @param from the envelope sender
	 * @param recipients the envelope recipients
	 * @param data the transmitted data
	 */
	public record Received(String from, List<String> recipients, String data) {
	}

}

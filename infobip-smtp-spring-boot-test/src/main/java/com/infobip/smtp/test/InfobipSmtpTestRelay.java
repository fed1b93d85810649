/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocketFactory;

import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.test.relay.TestCertificates;

/**
 * An in-JVM SMTP relay on a loopback port that behaves as Infobip's does for a client:
 * EHLO offers {@code 8BITMIME}, {@code SIZE 20971520}, {@code PIPELINING} (unless
 * switched off) and {@code AUTH LOGIN PLAIN} only once the connection is secured (after
 * STARTTLS, or from the start on implicit TLS); AUTH is required (as
 * {@value #API_KEY_USERNAME} with {@link #getApiKey()}, or with {@link #getUsername()}
 * and {@link #getPassword()}); the end of the data is answered with "250 2.6.0 Message
 * queued as &lt;id&gt;", and a message over the size limit gets 552. It presents a
 * {@code localhost} certificate issued by a test CA that a client trusts through
 * {@link #getSslSocketFactory()} or an SSL bundle of {@link #getCaCertificatePem()}.
 * <p>
 * It keeps every message it queues, injects faults with {@link #failNext(RelayFault)},
 * and posts delivery reports and tracking events through {@link #reports()}. Built on the
 * {@code infobip-smtp-test-relay} module's {@link SmtpTestRelay}. Use it through
 * {@link AutoConfigureInfobipSmtpTestRelay} in a Spring test,
 * {@link ImportInfobipSmtpTestRelay} in a dev-time application, or
 * {@link InfobipSmtpTestRelayExtension} in a plain JUnit test.
 *
 * @since 0.1.0
 */
public final class InfobipSmtpTestRelay implements AutoCloseable {

	/**
	 * Largest message the relay takes, as Infobip's: 20 MiB.
	 */
	public static final int MAX_MESSAGE_SIZE = SmtpTestRelay.MAX_MESSAGE_SIZE;

	/**
	 * User name Infobip expects with an API key.
	 */
	public static final String API_KEY_USERNAME = SmtpTestRelay.API_KEY_USERNAME;

	private static final String USERNAME = "test-user";

	private static final SecureRandom random = new SecureRandom();

	private final SmtpTestRelay relay;

	private final SmtpSecurity security;

	private final boolean pipelining;

	private final String password;

	private final DeliveryReportSimulator reports = new DeliveryReportSimulator();

	// each queued message parsed once
	private final Map<QueuedMessage, ReceivedMessage> received = new ConcurrentHashMap<>();

	private InfobipSmtpTestRelay(Builder builder) {
		this.security = builder.security;
		this.pipelining = builder.pipelining;
		this.password = secret();
		this.relay = SmtpTestRelay.builder()
			.security(
					(this.security == SmtpSecurity.TLS) ? SmtpTestRelay.Security.TLS : SmtpTestRelay.Security.STARTTLS)
			.pipelining(this.pipelining)
			.account(USERNAME, this.password)
			.start();
	}

	/**
	 * Start a relay that requires STARTTLS, as Infobip's port 587 does, and offers
	 * PIPELINING.
	 * @return the running relay
	 */
	public static InfobipSmtpTestRelay start() {
		return builder().start();
	}

	/**
	 * Start a relay that requires STARTTLS or speaks implicit TLS, and offers PIPELINING.
	 * @param security {@link SmtpSecurity#STARTTLS} (port 587) or
	 * {@link SmtpSecurity#TLS} (port 465)
	 * @return the running relay
	 */
	public static InfobipSmtpTestRelay start(SmtpSecurity security) {
		return builder().security(security).start();
	}

	/**
	 * Start configuring a relay.
	 * @return a builder for a relay that requires STARTTLS and offers PIPELINING
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the host the relay listens on.
	 * @return {@code localhost}
	 */
	public String getHost() {
		return this.relay.getHost();
	}

	/**
	 * Return the loopback port the relay listens on.
	 * @return the port
	 */
	public int getPort() {
		return this.relay.getPort();
	}

	/**
	 * Return how the relay secures connections.
	 * @return STARTTLS or TLS
	 */
	public SmtpSecurity getSecurity() {
		return this.security;
	}

	/**
	 * Return whether EHLO offers PIPELINING.
	 * @return whether the relay offers PIPELINING
	 */
	public boolean isPipelining() {
		return this.pipelining;
	}

	/**
	 * Return the API key the relay accepts with user {@value #API_KEY_USERNAME}, random
	 * per relay.
	 * @return the API key
	 */
	public String getApiKey() {
		return this.relay.getApiKey();
	}

	/**
	 * Return the account user name the relay accepts with {@link #getPassword()}.
	 * @return the user name
	 */
	public String getUsername() {
		return USERNAME;
	}

	/**
	 * Return the account password the relay accepts with {@link #getUsername()}, random
	 * per relay.
	 * @return the password
	 */
	public String getPassword() {
		return this.password;
	}

	/**
	 * Return the PEM of the test CA that issued the relay's certificate, for an SSL
	 * bundle's trust store.
	 * @return the PEM text
	 * @see TestCertificates#TRUSTED_CA
	 */
	public String getCaCertificatePem() {
		return TestCertificates.TRUSTED_CA.getPem();
	}

	/**
	 * Return a client socket factory that trusts the test CA, and so the relay's
	 * certificate.
	 * @return the factory
	 */
	public SSLSocketFactory getSslSocketFactory() {
		return TestCertificates.TRUSTED_CA.createSslContext().getSocketFactory();
	}

	/**
	 * Return settings with which {@code InfobipMailSender.builder(settings)} sends
	 * through this relay with the API key, with timeouts of a few seconds.
	 * @return the settings
	 */
	public SmtpConnectionSettings getConnectionSettings() {
		return new SmtpConnectionSettings(getHost(), getPort(), this.security, API_KEY_USERNAME, getApiKey(), null,
				getSslSocketFactory(), List.of(), List.of(), Duration.ofSeconds(5), Duration.ofSeconds(10),
				Duration.ofSeconds(10));
	}

	/**
	 * Return the messages queued so far, in the order they were queued.
	 * @return the messages
	 */
	public List<ReceivedMessage> getReceivedMessages() {
		return this.relay.getMessages().stream().map(this::received).toList();
	}

	/**
	 * Wait until at least {@code count} messages were queued, failing with the messages
	 * received when the timeout passes first.
	 * @param count the number of messages to wait for
	 * @param timeout how long to wait
	 * @return the messages queued so far, at least {@code count}
	 * @throws AssertionError if fewer messages arrive in time
	 */
	public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
		try {
			if (!this.relay.awaitMessages(count, timeout)) {
				List<ReceivedMessage> received = getReceivedMessages();
				throw new AssertionError("Expected " + count + " message(s) at the Infobip SMTP test relay within "
						+ timeout + " but received " + received.size() + ": " + received);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for messages", ex);
		}
		return getReceivedMessages();
	}

	/**
	 * Forget the messages received, the faults not yet injected and the connection limit,
	 * and answer every message held by {@link RelayFault#HANG_AFTER_DATA}.
	 */
	public void reset() {
		this.relay.reset();
		this.received.clear();
	}

	/**
	 * Inject a fault into the next connection, AUTH, recipient or message it applies to.
	 * Calls add up: {@code failNext(RCPT_451)} twice fails the next two recipients.
	 * @param fault the fault
	 * @return this relay
	 */
	public InfobipSmtpTestRelay failNext(RelayFault fault) {
		return failNext(fault, 1);
	}

	/**
	 * Inject a fault into the next {@code times} connections, AUTHs, recipients or
	 * messages it applies to.
	 * @param fault the fault
	 * @param times how many times
	 * @return this relay
	 */
	public InfobipSmtpTestRelay failNext(RelayFault fault, int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1");
		}
		switch (fault) {
			case GREETING_421 -> this.relay.refuseGreetings(times);
			case AUTH_535 -> this.relay.refuseAuthentications(times);
			case RCPT_451 -> this.relay.failRecipients(times, 451);
			case RCPT_550 -> this.relay.failRecipients(times, 550);
			case DATA_554 -> this.relay.failData(times, 554);
			case DROP_AFTER_DATA -> this.relay.dropAfterData(times);
			case HANG_AFTER_DATA -> this.relay.holdAfterData(times);
		}
		return this;
	}

	/**
	 * Greet connections beyond {@code count} open at once with 421, as a relay that
	 * limits connections per account does.
	 * @param count the most connections open at once
	 * @return this relay
	 */
	public InfobipSmtpTestRelay maxConnections(int count) {
		this.relay.maxConnections(count);
		return this;
	}

	/**
	 * Return the simulator that posts delivery reports and tracking events for received
	 * messages, as Infobip would.
	 * @return the simulator
	 */
	public DeliveryReportSimulator reports() {
		return this.reports;
	}

	/**
	 * Stop the relay, answering any message it held back.
	 */
	@Override
	public void close() {
		this.relay.close();
	}

	private ReceivedMessage received(QueuedMessage message) {
		return this.received.computeIfAbsent(message, (queued) -> new ReceivedMessage(queued.from(),
				queued.recipients(), queued.bytes(), queued.messageId(), queued.authenticatedUser(), queued.tls()));
	}

	private static String secret() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Configures a relay before it starts; a builder can start any number of relays.
	 */
	public static final class Builder {

		private SmtpSecurity security = SmtpSecurity.STARTTLS;

		private boolean pipelining = true;

		private Builder() {
		}

		/**
		 * Secure connections with STARTTLS, as Infobip's port 587 does (the default), or
		 * implicit TLS, as port 465 does.
		 * @param security {@link SmtpSecurity#STARTTLS} or {@link SmtpSecurity#TLS}
		 * @return this builder
		 */
		public Builder security(SmtpSecurity security) {
			this.security = security;
			return this;
		}

		/**
		 * Whether EHLO offers PIPELINING, as Infobip-like production relays do;
		 * {@code true} by default. Switched off, the starter sends one command per round
		 * trip.
		 * @param pipelining whether to offer PIPELINING
		 * @return this builder
		 */
		public Builder pipelining(boolean pipelining) {
			this.pipelining = pipelining;
			return this;
		}

		/**
		 * Start a relay on a free loopback port.
		 * @return the running relay
		 */
		public InfobipSmtpTestRelay start() {
			return new InfobipSmtpTestRelay(this);
		}

	}

}

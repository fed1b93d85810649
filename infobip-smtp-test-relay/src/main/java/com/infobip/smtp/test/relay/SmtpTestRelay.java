/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.util.LinkedHashMap;
import java.util.Map;

import com.infobip.smtp.test.relay.TestCertificates.ServerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * An SMTP relay on a loopback port that behaves as Infobip's does for a client, built on
 * SubEthaSMTP. By default it requires STARTTLS (as Infobip's port 587) and presents
 * {@link TestCertificates#LOCALHOST}; EHLO offers {@code 8BITMIME},
 * {@code SIZE 20971520}, {@code PIPELINING} and, once the connection is secured,
 * {@code AUTH PLAIN LOGIN}; AUTH is required, as user {@value #API_KEY_USERNAME} with the
 * {@link #getApiKey() API key} or with an account's user name and password; the end of
 * the data is answered with "250 2.6.0 Message queued as &lt;id&gt;", and a message over
 * 20 MiB gets 552. A {@link Builder} switches PIPELINING off, offers DSN, speaks implicit
 * TLS (port 465), offers only some TLS versions or presents another identity.
 * <p>
 * It keeps every message it queues, with its raw bytes, and the MAIL and RCPT command
 * lines as received; it counts sessions, open and at most at once, QUIT commands, AUTH
 * attempts (with the TLS version and cipher suite of each) and messages per session.
 * Faults are injected at any time, each for the next connections, AUTHs, commands or
 * messages it applies to: refused greetings and AUTHs, temporary or permanent replies to
 * RCPT TO or the end of data, connections cut or replies held back at RCPT TO or after
 * the data, a cap on open connections and slow replies to the data. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SmtpTestRelay extends RelayFaultInjection implements AutoCloseable {

	/**
	 * Largest message the relay takes, as Infobip's: 20 MiB.
	 */
	public static final int MAX_MESSAGE_SIZE = 20971520;

	/**
	 * User name Infobip expects with an API key.
	 */
	public static final String API_KEY_USERNAME = "App";

	private final Security security;

	private final String apiKey;

	private final RelayServer server;

	private SmtpTestRelay(Builder builder) {
		super(new Traffic(builder.keepMessages), new Faults());
		this.security = builder.security;
		this.apiKey = (builder.apiKey != null) ? builder.apiKey : RelayIds.next();
		RelayAccounts accounts = new RelayAccounts(builder.accounts, this.apiKey, this.faults, this.traffic);
		this.server = new RelayServer(getHost(), builder, this.faults, this.traffic, accounts);
	}

	/**
	 * Start a relay with the defaults: STARTTLS required, PIPELINING offered, a random
	 * API key, {@link TestCertificates#LOCALHOST}.
	 * @return the running relay
	 */
	public static SmtpTestRelay start() {
		return builder().start();
	}

	/**
	 * Start configuring a relay.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the host the relay listens on, which its default certificate names.
	 * @return {@code localhost}
	 */
	public String getHost() {
		return "localhost";
	}

	/**
	 * Return the loopback port the relay listens on.
	 * @return the port
	 */
	public int getPort() {
		return this.server.port();
	}

	/**
	 * Return how the relay secures connections.
	 * @return the security
	 */
	public Security getSecurity() {
		return this.security;
	}

	/**
	 * Return the API key the relay accepts with user {@value #API_KEY_USERNAME}.
	 * @return the API key
	 */
	public String getApiKey() {
		return this.apiKey;
	}

	/**
	 * Forget the messages and envelope commands received, withdraw every fault and the
	 * connection limit, and answer every reply held back. The counters of sessions, AUTH
	 * attempts and messages go on.
	 */
	public void reset() {
		this.traffic.reset();
		this.faults.clear();
		this.faults.release();
	}

	/**
	 * Stop the relay, answering every reply held back.
	 */
	@Override
	public void close() {
		release();
		this.server.stop();
	}

	/**
	 * How a relay secures connections.
	 */
	public enum Security {

		/**
		 * STARTTLS offered and required before anything else, as on Infobip's port 587.
		 */
		STARTTLS,

		/**
		 * Implicit TLS from the first byte, as on Infobip's port 465.
		 */
		TLS,

		/**
		 * No TLS at all, AUTH offered in plain text: a relay a client should refuse.
		 */
		NONE

	}

	/**
	 * Configures a relay before it starts.
	 */
	public static final class Builder {

		// what the relay's server reads: see RelayServer

		Security security = Security.STARTTLS;

		ServerIdentity identity = TestCertificates.LOCALHOST;

		String @Nullable [] tlsProtocols;

		private @Nullable String apiKey;

		private final Map<String, String> accounts = new LinkedHashMap<>();

		boolean pipelining = true;

		boolean dsn;

		private boolean keepMessages = true;

		private Builder() {
		}

		/**
		 * Secure connections as given; {@link Security#STARTTLS} by default.
		 * @param security the security
		 * @return this builder
		 */
		public Builder security(Security security) {
			this.security = security;
			return this;
		}

		/**
		 * Present this identity; {@link TestCertificates#LOCALHOST} by default.
		 * @param identity the key and certificate chain
		 * @return this builder
		 */
		public Builder identity(ServerIdentity identity) {
			this.identity = identity;
			return this;
		}

		/**
		 * Offer only the given TLS versions (of those the JVM allows), for instance
		 * "TLSv1.2", instead of every one.
		 * @param protocols the versions
		 * @return this builder
		 */
		public Builder tlsProtocols(String... protocols) {
			this.tlsProtocols = protocols.clone();
			return this;
		}

		/**
		 * Accept this API key with user {@value SmtpTestRelay#API_KEY_USERNAME}; a random
		 * one by default.
		 * @param apiKey the API key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Accept this account too.
		 * @param username the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder account(String username, String password) {
			this.accounts.put(username, password);
			return this;
		}

		/**
		 * Whether EHLO offers PIPELINING (RFC 2920), as Infobip-like production relays
		 * do; {@code true} by default. An offering relay sends the replies to a group
		 * without Nagle's delay.
		 * @param pipelining whether to offer PIPELINING
		 * @return this builder
		 */
		public Builder pipelining(boolean pipelining) {
			this.pipelining = pipelining;
			return this;
		}

		/**
		 * Whether EHLO offers DSN (RFC 3461), which Infobip's relay does not;
		 * {@code false} by default.
		 * @param dsn whether to offer DSN
		 * @return this builder
		 */
		public Builder dsn(boolean dsn) {
			this.dsn = dsn;
			return this;
		}

		/**
		 * Whether to keep the messages and envelope commands received, or only count
		 * them, for long runs; {@code true} by default.
		 * @param keepMessages whether to keep messages
		 * @return this builder
		 */
		public Builder keepMessages(boolean keepMessages) {
			this.keepMessages = keepMessages;
			return this;
		}

		/**
		 * Start the relay on a free loopback port.
		 * @return the running relay
		 */
		public SmtpTestRelay start() {
			return new SmtpTestRelay(this);
		}

	}

}

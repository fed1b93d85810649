/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import com.infobip.smtp.test.relay.Faults.Fault;
import com.infobip.smtp.test.relay.TestCertificates.ServerIdentity;
import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

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
public final class SmtpTestRelay implements AutoCloseable {

	/**
	 * Largest message the relay takes, as Infobip's: 20 MiB.
	 */
	public static final int MAX_MESSAGE_SIZE = 20971520;

	/**
	 * User name Infobip expects with an API key.
	 */
	public static final String API_KEY_USERNAME = "App";

	private static final SecureRandom random = new SecureRandom();

	private final SMTPServer server;

	private final Security security;

	private final String @Nullable [] tlsProtocols;

	private final SSLContext tlsContext;

	private final String apiKey;

	private final Map<String, String> secrets;

	private final Faults faults = new Faults();

	private final Traffic traffic;

	private SmtpTestRelay(Builder builder) {
		this.security = builder.security;
		this.traffic = new Traffic(builder.keepMessages);
		this.tlsProtocols = builder.tlsProtocols;
		this.tlsContext = builder.identity.createSslContext();
		this.apiKey = (builder.apiKey != null) ? builder.apiKey : newId();
		this.secrets = new LinkedHashMap<>(builder.accounts);
		this.secrets.put(API_KEY_USERNAME, this.apiKey);
		SMTPServer.Builder server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName(getHost())
			.softwareName("Infobip SMTP test relay")
			.maxMessageSize(MAX_MESSAGE_SIZE)
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
			.requireAuth()
			.sessionHandler(new RelaySessions(this.faults, this.traffic, builder.pipelining))
			.messageHandlerFactory(
					(context) -> new RelayTransaction(context, this.faults, this.traffic, SmtpTestRelay::newId));
		switch (this.security) {
			case STARTTLS -> server.enableTLS().requireTLS().startTlsSocketFactory(this::startTlsSocket);
			case TLS -> server.serverSocketFactory(this::tlsServerSocket)
				.enableTLS(false)
				.showAuthCapabilitiesBeforeSTARTTLS(true);
			case NONE -> server.enableTLS(false).showAuthCapabilitiesBeforeSTARTTLS(true);
		}
		RelayCommands.install(server, builder.pipelining, builder.dsn, this.traffic::commandLine);
		this.server = server.build();
		this.server.start();
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
		return this.server.getPortAllocated();
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
	 * Return the messages queued so far (since the last {@link #reset()}), in the order
	 * they were queued; none when the relay keeps no messages.
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
	 * {@link #reset()}), in order, as the client sent them, parameters included; none
	 * when the relay keeps no messages.
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
	 * {@link #refuseGreetings(int)}; those refused by {@link #maxConnections(int)} are
	 * not counted.
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

	/**
	 * Greet the next {@code count} connections with "421 4.7.0 Service not available" and
	 * close them.
	 * @param count how many connections
	 * @return this relay
	 */
	public SmtpTestRelay refuseGreetings(int count) {
		this.faults.add(Fault.GREETING, count);
		return this;
	}

	/**
	 * Refuse the next {@code count} AUTH commands with 535, whatever the credentials.
	 * @param count how many AUTH commands
	 * @return this relay
	 */
	public SmtpTestRelay refuseAuthentications(int count) {
		this.faults.add(Fault.AUTHENTICATION, count);
		return this;
	}

	/**
	 * Refuse every MAIL FROM with the given code from now on ("5.7.1 Sender address
	 * rejected"), or accept senders again with 0.
	 * @param code the reply code, or 0
	 * @return this relay
	 */
	public SmtpTestRelay refuseSenders(int code) {
		this.faults.refuseSenders(code);
		return this;
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
		return this;
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
		return this;
	}

	/**
	 * Close the connection at the next {@code count} RCPT TO commands, unanswered.
	 * @param count how many recipients
	 * @return this relay
	 */
	public SmtpTestRelay dropAtRecipient(int count) {
		this.faults.add(Fault.DROP_AT_RECIPIENT, count);
		return this;
	}

	/**
	 * Hold back the answer to the next {@code count} RCPT TO commands until
	 * {@link #release()}.
	 * @param count how many recipients
	 * @return this relay
	 */
	public SmtpTestRelay holdAtRecipient(int count) {
		this.faults.add(Fault.HOLD_AT_RECIPIENT, count);
		return this;
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
		return this;
	}

	/**
	 * Queue the next {@code count} messages, then close their connection without
	 * answering: the client cannot know whether they were taken.
	 * @param count how many messages
	 * @return this relay
	 */
	public SmtpTestRelay dropAfterData(int count) {
		this.faults.add(Fault.DROP_AFTER_DATA, count);
		return this;
	}

	/**
	 * Queue the next {@code count} messages, but hold the answer to their end of data
	 * back until {@link #release()}.
	 * @param count how many messages
	 * @return this relay
	 */
	public SmtpTestRelay holdAfterData(int count) {
		this.faults.add(Fault.HOLD_AFTER_DATA, count);
		return this;
	}

	/**
	 * Wait this long before answering the end of the data of every message from now on.
	 * @param delay the delay
	 * @return this relay
	 */
	public SmtpTestRelay dataDelay(Duration delay) {
		this.faults.dataDelay(delay);
		return this;
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
		return this;
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

	private void login(String username, String password, MessageContext context) throws LoginFailedException {
		this.traffic.authAttempt((Session) context);
		if (this.faults.take(Fault.AUTHENTICATION) || !password.equals(this.secrets.get(username))) {
			throw new LoginFailedException();
		}
	}

	// every version and cipher suite the JVM supports (and allows), as SubEthaSMTP's own
	// does, or only the versions configured
	private SSLSocket startTlsSocket(Socket socket) throws IOException {
		InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
		SSLSocket tls = (SSLSocket) this.tlsContext.getSocketFactory()
			.createSocket(socket, remote.getHostName(), socket.getPort(), true);
		tls.setUseClientMode(false);
		tls.setEnabledProtocols((this.tlsProtocols != null) ? this.tlsProtocols : tls.getSupportedProtocols());
		tls.setEnabledCipherSuites(tls.getSupportedCipherSuites());
		return tls;
	}

	private SSLServerSocket tlsServerSocket() throws IOException {
		SSLServerSocket socket = (SSLServerSocket) this.tlsContext.getServerSocketFactory().createServerSocket();
		if (this.tlsProtocols != null) {
			socket.setEnabledProtocols(this.tlsProtocols);
		}
		return socket;
	}

	private static String newId() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
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

		private Security security = Security.STARTTLS;

		private ServerIdentity identity = TestCertificates.LOCALHOST;

		private String @Nullable [] tlsProtocols;

		private @Nullable String apiKey;

		private final Map<String, String> accounts = new LinkedHashMap<>();

		private boolean pipelining = true;

		private boolean dsn;

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

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A scriptable SubEthaSMTP relay on a loopback port, like Infobip's port 587: STARTTLS
 * required before anything else, then AUTH required. It answers the end of the data as
 * Infobip does ("250 2.6.0 Message queued as &lt;id&gt;"), records every AUTH attempt,
 * session and message received, and can inject faults: refused greetings, temporary or
 * permanent RCPT and DATA replies, a connection cut right after the end-of-data dot, a
 * cap on open connections, slow replies, replies held back until the test releases them,
 * and closing every open connection. It records the envelope commands as received too. It
 * can speak implicit TLS instead (as on port 465), offer only some TLS versions, and
 * records the TLS version and cipher suite of every session that tried AUTH.
 */
public final class StartTlsRelay implements AutoCloseable {

	private final SMTPServer server;

	private final Builder script;

	private final AtomicInteger authAttempts = new AtomicInteger();

	private final AtomicInteger sessions = new AtomicInteger();

	private final AtomicInteger refusedGreetings = new AtomicInteger();

	private final AtomicInteger maxConcurrentSessions = new AtomicInteger();

	private final Set<Session> openSessions = ConcurrentHashMap.newKeySet();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final List<String> envelopeCommands = new CopyOnWriteArrayList<>();

	private final List<TlsSession> tlsSessions = new CopyOnWriteArrayList<>();

	private final AtomicInteger quits = new AtomicInteger();

	private final AtomicInteger queueIds = new AtomicInteger();

	private final AtomicInteger messageCount = new AtomicInteger();

	// messages queued per session, by session id, in the order of their first message
	private final Map<String, AtomicInteger> messagesPerSession = new LinkedHashMap<>();

	private final AtomicInteger held = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private final SSLContext tlsContext;

	private StartTlsRelay(Builder script) {
		this.script = script;
		this.tlsContext = script.identity.sslContext();
		SMTPServer.Builder builder = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
			.requireAuth()
			.sessionHandler(new Sessions())
			.messageHandlerFactory(this::handler);
		if (script.maxConnections > 0) {
			builder.maxConnections(script.maxConnections);
		}
		if (script.implicitTls) {
			builder.serverSocketFactory(this::tlsServerSocket)
				.enableTLS(false)
				.showAuthCapabilitiesBeforeSTARTTLS(true);
		}
		else if (script.offerStartTls) {
			builder.enableTLS().requireTLS().startTlsSocketFactory(this::startTlsSocket);
		}
		else {
			builder.enableTLS(false).showAuthCapabilitiesBeforeSTARTTLS(true);
		}
		PipeliningEhlo.install(builder, script.pipelining, script.dsn, (line) -> {
			if (line.regionMatches(true, 0, "QUIT", 0, 4)) {
				this.quits.incrementAndGet();
			}
			else {
				this.envelopeCommands.add(line);
			}
		});
		this.server = builder.build();
		this.server.start();
	}

	/**
	 * Start a relay that offers and requires STARTTLS with the given identity.
	 * @param identity the certificate the relay presents
	 * @return the running relay
	 */
	public static StartTlsRelay start(TestCertificates.ServerIdentity identity) {
		return builder().identity(identity).start();
	}

	/**
	 * Start a relay that does not offer STARTTLS but offers AUTH in plain text.
	 * @return the running relay
	 */
	public static StartTlsRelay startWithoutStartTls() {
		Builder builder = builder();
		builder.offerStartTls = false;
		return builder.start();
	}

	/**
	 * Start scripting a relay that presents {@link TestCertificates#LOCALHOST}.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
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
	 * Return the TLS version and cipher suite of every session that tried AUTH, in order.
	 * @return the TLS sessions
	 */
	public List<TlsSession> tlsSessions() {
		return List.copyOf(this.tlsSessions);
	}

	/**
	 * Return how many sessions were accepted (greeted with 220).
	 * @return the number of sessions
	 */
	public int sessions() {
		return this.sessions.get();
	}

	/**
	 * Return how many sessions the client ended with QUIT.
	 * @return the number of QUIT commands
	 */
	public int quits() {
		return this.quits.get();
	}

	/**
	 * Return how many sessions were greeted with a refusal.
	 * @return the number of refused greetings
	 */
	public int refusedGreetings() {
		return this.refusedGreetings.get();
	}

	/**
	 * Return the most sessions that were open at once.
	 * @return the peak of concurrent sessions
	 */
	public int maxConcurrentSessions() {
		return this.maxConcurrentSessions.get();
	}

	/**
	 * Return how many sessions are open now.
	 * @return the number of open sessions
	 */
	public int openSessions() {
		return this.openSessions.size();
	}

	/**
	 * Close every open connection from the server side, as a relay does with idle
	 * connections.
	 */
	public void dropAllConnections() {
		for (Session session : this.openSessions) {
			try {
				session.closeSocket();
			}
			catch (IOException ex) {
				// closed anyway
			}
		}
	}

	/**
	 * Return how many messages were received, kept or not.
	 * @return the number of messages
	 */
	public int messageCount() {
		return this.messageCount.get();
	}

	/**
	 * Return how many messages each session queued, in the order of their first message.
	 * @return the counts
	 */
	public List<Integer> messagesPerSession() {
		synchronized (this.messagesPerSession) {
			return this.messagesPerSession.values().stream().map(AtomicInteger::get).toList();
		}
	}

	/**
	 * Return the messages received so far.
	 * @return the messages
	 */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * Return the MAIL FROM and RCPT TO command lines received so far, in order, as the
	 * client sent them, parameters included.
	 * @return the command lines
	 */
	public List<String> envelopeCommands() {
		return List.copyOf(this.envelopeCommands);
	}

	/**
	 * Return how many replies are being held back now or were held back.
	 * @return the number of held replies
	 */
	public int held() {
		return this.held.get();
	}

	/**
	 * Answer every reply held back, and those scripted to be held from now on at once.
	 */
	public void release() {
		this.release.countDown();
	}

	/**
	 * Refuse every MAIL FROM with the given code from now on, or accept senders with 0.
	 * @param code the reply code, or 0
	 */
	public void refuseSenders(int code) {
		this.script.senderRefusalCode = code;
	}

	@Override
	public void close() {
		release();
		this.server.stop();
	}

	private void holdIf(AtomicInteger count) {
		if (count.getAndDecrement() > 0) {
			this.held.incrementAndGet();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	// as SubEthaSMTP's own: every version and cipher suite the JVM supports (and allows),
	// or only the versions scripted
	private SSLSocket startTlsSocket(Socket socket) throws IOException {
		InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
		SSLSocket tls = (SSLSocket) this.tlsContext.getSocketFactory()
			.createSocket(socket, remote.getHostName(), socket.getPort(), true);
		tls.setUseClientMode(false);
		tls.setEnabledProtocols(
				(this.script.tlsProtocols != null) ? this.script.tlsProtocols : tls.getSupportedProtocols());
		tls.setEnabledCipherSuites(tls.getSupportedCipherSuites());
		return tls;
	}

	private SSLServerSocket tlsServerSocket() throws IOException {
		SSLServerSocket socket = (SSLServerSocket) this.tlsContext.getServerSocketFactory().createServerSocket();
		if (this.script.tlsProtocols != null) {
			socket.setEnabledProtocols(this.script.tlsProtocols);
		}
		return socket;
	}

	private void login(String username, String password, MessageContext context) throws LoginFailedException {
		this.authAttempts.incrementAndGet();
		if (((Session) context).getSocket() instanceof SSLSocket socket) {
			this.tlsSessions
				.add(new TlsSession(socket.getSession().getProtocol(), socket.getSession().getCipherSuite()));
		}
		if (!TestCredentials.API_KEY_USER.equals(username) || !TestCredentials.API_KEY.equals(password)) {
			throw new LoginFailedException();
		}
	}

	private MessageHandler handler(MessageContext context) {
		return new MessageHandler() {

			private String from;

			private final List<String> recipients = new ArrayList<>();

			@Override
			public void from(String from) throws RejectException {
				int code = StartTlsRelay.this.script.senderRefusalCode;
				if (code > 0) {
					throw new RejectException(code, "5.7.1 Sender address rejected: " + from);
				}
				this.from = from;
			}

			@Override
			public void recipient(String recipient) throws RejectException {
				holdIf(StartTlsRelay.this.script.holdsAtRecipient);
				Integer code = StartTlsRelay.this.script.refusedRecipients.get(recipient);
				if (code != null) {
					throw new RejectException(code, "5.1.1 Recipient address rejected: " + recipient);
				}
				if (StartTlsRelay.this.script.dropsAtRecipient.getAndDecrement() > 0) {
					closeQuietly((Session) context);
					return;
				}
				if (StartTlsRelay.this.script.rcptFailures.getAndDecrement() > 0) {
					throw new RejectException(451, "4.3.0 Temporary failure, try again");
				}
				this.recipients.add(recipient);
			}

			@Override
			public String data(InputStream data) throws RejectException, IOException {
				byte[] bytes = data.readAllBytes();
				String content = new String(bytes, StandardCharsets.UTF_8);
				sleep(StartTlsRelay.this.script.dataDelay);
				if (StartTlsRelay.this.script.dataFailures.getAndDecrement() > 0) {
					int code = StartTlsRelay.this.script.dataFailureCode;
					throw new RejectException(code, "5.7.1 Message refused");
				}
				String id = "q-" + StartTlsRelay.this.queueIds.incrementAndGet();
				StartTlsRelay.this.messageCount.incrementAndGet();
				synchronized (StartTlsRelay.this.messagesPerSession) {
					StartTlsRelay.this.messagesPerSession
						.computeIfAbsent(((Session) context).getSessionId(), (session) -> new AtomicInteger())
						.incrementAndGet();
				}
				if (StartTlsRelay.this.script.keepMessages) {
					StartTlsRelay.this.received
						.add(new Received(this.from, List.copyOf(this.recipients), content, id, bytes));
				}
				// queued, but the answer waits for the test
				holdIf(StartTlsRelay.this.script.holdsAfterData);
				if (StartTlsRelay.this.script.dropsAfterData.getAndDecrement() > 0) {
					// the message is queued, but the client never hears so
					((Session) context).closeSocket();
				}
				return "2.6.0 Message queued as <" + id + ">";
			}

			@Override
			public void done() {
			}

		};
	}

	private static void closeQuietly(Session session) {
		try {
			session.closeSocket();
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

	private final class Sessions implements SessionHandler {

		@Override
		public SessionAcceptance accept(Session session) {
			if (StartTlsRelay.this.script.greetingFailures.getAndDecrement() > 0) {
				StartTlsRelay.this.refusedGreetings.incrementAndGet();
				return SessionAcceptance.failure(421, "4.7.0 Service not available, try again later");
			}
			if (StartTlsRelay.this.script.pipelining) {
				// an RFC 2920 server sends the replies to a group at
				// once; SubEthaSMTP writes each on its own, and Nagle's
				// algorithm would hold them for the client's ACK
				try {
					session.getSocket().setTcpNoDelay(true);
				}
				catch (java.net.SocketException ex) {
					// closed
				}
			}
			StartTlsRelay.this.sessions.incrementAndGet();
			StartTlsRelay.this.openSessions.add(session);
			StartTlsRelay.this.maxConcurrentSessions.accumulateAndGet(StartTlsRelay.this.openSessions.size(),
					Math::max);
			return SessionAcceptance.success();
		}

		@Override
		public void onSessionEnd(Session session) {
			StartTlsRelay.this.openSessions.remove(session);
		}

	}

	/**
	 * A message as the relay received it.
	 *
	 * @param from the envelope sender
	 * @param recipients the envelope recipients
	 * @param data the transmitted data
	 * @param queueId the id the relay queued it as
	 * @param bytes the transmitted data as received, dot-unstuffed
	 */
	public record Received(String from, List<String> recipients, String data, String queueId, byte[] bytes) {

		/**
		 * Return the lines of the header block, as bytes on the wire split at CRLF.
		 * @return the header lines, folded continuation lines included
		 */
		public List<String> headerLines() {
			String block = new String(this.bytes, StandardCharsets.ISO_8859_1);
			int end = block.indexOf("\r\n\r\n");
			return List.of(block.substring(0, (end >= 0) ? end : block.length()).split("\r\n", -1));
		}

	}

	/**
	 * What a session negotiated.
	 *
	 * @param protocol the TLS version, for instance "TLSv1.3"
	 * @param cipherSuite the cipher suite
	 */
	public record TlsSession(String protocol, String cipherSuite) {
	}

	/**
	 * Scripts a relay.
	 */
	public static final class Builder {

		private TestCertificates.ServerIdentity identity = TestCertificates.LOCALHOST;

		private boolean offerStartTls = true;

		private boolean implicitTls;

		private String[] tlsProtocols;

		private int maxConnections;

		private final AtomicInteger greetingFailures = new AtomicInteger();

		private final AtomicInteger rcptFailures = new AtomicInteger();

		private final AtomicInteger dataFailures = new AtomicInteger();

		private int dataFailureCode;

		private final AtomicInteger dropsAfterData = new AtomicInteger();

		private final AtomicInteger dropsAtRecipient = new AtomicInteger();

		private final AtomicInteger holdsAfterData = new AtomicInteger();

		private final AtomicInteger holdsAtRecipient = new AtomicInteger();

		private final Map<String, Integer> refusedRecipients = new ConcurrentHashMap<>();

		private Duration dataDelay = Duration.ZERO;

		private boolean keepMessages = true;

		private boolean pipelining;

		private boolean dsn;

		private volatile int senderRefusalCode;

		public Builder identity(TestCertificates.ServerIdentity identity) {
			this.identity = identity;
			return this;
		}

		/** Speak TLS from the start, as on port 465, instead of offering STARTTLS. */
		public Builder implicitTls() {
			this.implicitTls = true;
			return this;
		}

		/**
		 * Offer only the given TLS versions (of those the JVM allows), for instance
		 * "TLSv1.2", instead of every one.
		 */
		public Builder tlsProtocols(String... protocols) {
			this.tlsProtocols = protocols.clone();
			return this;
		}

		/** Greet the first {@code count} connections with 421 and close them. */
		public Builder refuseGreetings(int count) {
			this.greetingFailures.set(count);
			return this;
		}

		/** Answer the first {@code count} RCPT TO commands with 451. */
		public Builder failRecipients(int count) {
			this.rcptFailures.set(count);
			return this;
		}

		/** Always refuse the given recipient with the given code, such as 550. */
		public Builder refuseRecipient(String address, int code) {
			this.refusedRecipients.put(address, code);
			return this;
		}

		/**
		 * Answer the end of the data of the first {@code count} messages with the code.
		 */
		public Builder failData(int count, int code) {
			this.dataFailures.set(count);
			this.dataFailureCode = code;
			return this;
		}

		/** Queue the first {@code count} messages, then cut the connection unanswered. */
		public Builder dropAfterData(int count) {
			this.dropsAfterData.set(count);
			return this;
		}

		/** Cut the connection at the first {@code count} RCPT TO commands, unanswered. */
		public Builder dropAtRecipient(int count) {
			this.dropsAtRecipient.set(count);
			return this;
		}

		/**
		 * Queue the first {@code count} messages, but hold the answer to their end of
		 * data back until {@link StartTlsRelay#release()}.
		 */
		public Builder holdAfterData(int count) {
			this.holdsAfterData.set(count);
			return this;
		}

		/**
		 * Hold back the answer to the first {@code count} RCPT TO commands until
		 * {@link StartTlsRelay#release()}.
		 */
		public Builder holdAtRecipient(int count) {
			this.holdsAtRecipient.set(count);
			return this;
		}

		/** Refuse connections beyond {@code count} open at once, as SubEthaSMTP does. */
		public Builder maxConnections(int count) {
			this.maxConnections = count;
			return this;
		}

		/** Wait this long before answering the end of the data. */
		public Builder dataDelay(Duration delay) {
			this.dataDelay = delay;
			return this;
		}

		/** Advertise PIPELINING in EHLO, as Infobip's relay does. */
		public Builder advertisePipelining() {
			this.pipelining = true;
			return this;
		}

		/** Advertise DSN in EHLO (RFC 3461), which Infobip's relay does not. */
		public Builder advertiseDsn() {
			this.dsn = true;
			return this;
		}

		/** Refuse every MAIL FROM with this code. */
		public Builder refuseSender(int code) {
			this.senderRefusalCode = code;
			return this;
		}

		/** Only count messages instead of keeping them, for long runs. */
		public Builder countOnly() {
			this.keepMessages = false;
			return this;
		}

		public StartTlsRelay start() {
			return new StartTlsRelay(this);
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * An in-JVM SMTP relay on a loopback port that behaves as Infobip's does for a client:
 * EHLO offers {@code SIZE 20971520}, and {@code AUTH LOGIN PLAIN} only once the
 * connection is secured (after STARTTLS, or from the start on implicit TLS), AUTH is
 * required (as "App" with {@link #apiKey()}, or with {@link #username()} and
 * {@link #password()}), the end of the data is answered with "250 2.6.0 Message queued as
 * &lt;id&gt;", and a message over the size limit gets 552. Its certificate is issued per
 * JVM run by a generated CA, which a client trusts through {@link #sslSocketFactory()} or
 * an SSL bundle of {@link #caCertificatePem()}.
 * <p>
 * It keeps every message it queues, injects faults with {@link #failNext(RelayFault)},
 * and posts delivery reports and tracking events through {@link #reports()}. Built on
 * SubEthaSMTP. Use it through {@link AutoConfigureInfobipSmtpTestRelay} in a Spring test
 * or {@link InfobipSmtpTestRelayExtension} in a plain JUnit test.
 *
 * @since 0.1.0
 */
public final class InfobipSmtpTestRelay implements AutoCloseable {

	/** Largest message the relay takes, as Infobip's: 20 MiB. */
	public static final int MAX_MESSAGE_SIZE = 20971520;

	/** User name Infobip expects with an API key. */
	public static final String API_KEY_USERNAME = "App";

	private static final SecureRandom random = new SecureRandom();

	private final SmtpSecurity security;

	private final SMTPServer server;

	private final String apiKey = secret();

	private final String username = "test-user";

	private final String password = secret();

	private final Map<RelayFault, Integer> faults = new EnumMap<>(RelayFault.class);

	private final List<ReceivedMessage> received = new ArrayList<>();

	private final Set<Session> openSessions = ConcurrentHashMap.newKeySet();

	private final DeliveryReportSimulator reports = new DeliveryReportSimulator();

	private volatile int maxConnections = Integer.MAX_VALUE;

	private volatile CountDownLatch hangs = new CountDownLatch(1);

	private InfobipSmtpTestRelay(SmtpSecurity security) {
		this.security = security;
		RelayCertificates certificates = RelayCertificates.get();
		SMTPServer.Builder builder = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.softwareName("Infobip SMTP test relay")
			.maxMessageSize(MAX_MESSAGE_SIZE)
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
			.requireAuth()
			.sessionHandler(new Sessions())
			.messageHandlerFactory(Transaction::new);
		if (security == SmtpSecurity.TLS) {
			builder.serverSocketFactory(certificates.serverContext())
				.enableTLS(false)
				.showAuthCapabilitiesBeforeSTARTTLS(true);
		}
		else {
			builder.enableTLS().requireTLS().startTlsSocketFactory(certificates.serverContext());
		}
		this.server = builder.build();
		this.server.start();
	}

	/**
	 * Start a relay that requires STARTTLS, as Infobip's port 587 does.
	 * @return the running relay
	 */
	public static InfobipSmtpTestRelay start() {
		return start(SmtpSecurity.STARTTLS);
	}

	/**
	 * Start a relay that requires STARTTLS or speaks implicit TLS.
	 * @param security {@link SmtpSecurity#STARTTLS} (port 587) or
	 * {@link SmtpSecurity#TLS} (port 465)
	 * @return the running relay
	 */
	public static InfobipSmtpTestRelay start(SmtpSecurity security) {
		return new InfobipSmtpTestRelay(security);
	}

	/**
	 * Return the host the relay listens on.
	 * @return {@code localhost}
	 */
	public String host() {
		return "localhost";
	}

	/**
	 * Return the loopback port the relay listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getPortAllocated();
	}

	/**
	 * Return how the relay secures connections.
	 * @return STARTTLS or TLS
	 */
	public SmtpSecurity security() {
		return this.security;
	}

	/**
	 * Return the API key the relay accepts with user "App", random per relay.
	 * @return the API key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * Return the account user name the relay accepts with {@link #password()}.
	 * @return the user name
	 */
	public String username() {
		return this.username;
	}

	/**
	 * Return the account password the relay accepts with {@link #username()}, random per
	 * relay.
	 * @return the password
	 */
	public String password() {
		return this.password;
	}

	/**
	 * Return the PEM of the CA that issued the relay's certificate, for an SSL bundle's
	 * trust store.
	 * @return the PEM text
	 */
	public String caCertificatePem() {
		return RelayCertificates.get().caPem();
	}

	/**
	 * Return a client socket factory that trusts the relay's certificate.
	 * @return the factory
	 */
	public SSLSocketFactory sslSocketFactory() {
		return RelayCertificates.get().clientSocketFactory();
	}

	/**
	 * Return settings with which {@code InfobipMailSender.builder(settings)} sends
	 * through this relay with the API key, with timeouts of a few seconds.
	 * @return the settings
	 */
	public SmtpConnectionSettings connectionSettings() {
		return new SmtpConnectionSettings(host(), port(), this.security, API_KEY_USERNAME, this.apiKey, null,
				sslSocketFactory(), List.of(), List.of(), Duration.ofSeconds(5), Duration.ofSeconds(10),
				Duration.ofSeconds(10));
	}

	/**
	 * Return the messages queued so far, in the order they were queued.
	 * @return the messages
	 */
	public List<ReceivedMessage> getReceivedMessages() {
		synchronized (this.received) {
			return List.copyOf(this.received);
		}
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
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.received) {
			while (this.received.size() < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("Expected " + count + " message(s) at the Infobip SMTP test relay within "
							+ timeout + " but received " + this.received.size() + ": " + this.received);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.received, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for messages", ex);
				}
			}
			return List.copyOf(this.received);
		}
	}

	/**
	 * Forget the messages received, the faults not yet injected and the connection limit,
	 * and answer every message held by {@link RelayFault#HANG_AFTER_DATA}.
	 */
	public void reset() {
		synchronized (this.received) {
			this.received.clear();
		}
		synchronized (this.faults) {
			this.faults.clear();
		}
		this.maxConnections = Integer.MAX_VALUE;
		CountDownLatch hung = this.hangs;
		this.hangs = new CountDownLatch(1);
		hung.countDown();
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
		synchronized (this.faults) {
			this.faults.merge(fault, times, Integer::sum);
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
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1");
		}
		this.maxConnections = count;
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
		this.hangs.countDown();
		this.server.stop();
	}

	private boolean take(RelayFault fault) {
		synchronized (this.faults) {
			Integer left = this.faults.get(fault);
			if (left == null || left <= 0) {
				return false;
			}
			this.faults.put(fault, left - 1);
			return true;
		}
	}

	private void login(String user, String secret, MessageContext context) throws LoginFailedException {
		if (take(RelayFault.AUTH_535)) {
			throw new LoginFailedException();
		}
		boolean apiKeyLogin = API_KEY_USERNAME.equals(user) && this.apiKey.equals(secret);
		boolean accountLogin = this.username.equals(user) && this.password.equals(secret);
		if (!apiKeyLogin && !accountLogin) {
			throw new LoginFailedException();
		}
	}

	private void queued(ReceivedMessage message) {
		synchronized (this.received) {
			this.received.add(message);
			this.received.notifyAll();
		}
	}

	private static String secret() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static void closeQuietly(Session session) {
		try {
			session.closeSocket();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	private final class Transaction implements MessageHandler {

		private final Session session;

		private String from = "";

		private final List<String> recipients = new ArrayList<>();

		Transaction(MessageContext context) {
			this.session = (Session) context;
		}

		@Override
		public void from(String from) {
			this.from = from;
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			if (take(RelayFault.RCPT_451)) {
				throw new RejectException(451, "4.3.0 Temporary failure, try again later");
			}
			if (take(RelayFault.RCPT_550)) {
				throw new RejectException(550, "5.1.1 Recipient address rejected: " + recipient);
			}
			this.recipients.add(recipient);
		}

		@Override
		public @Nullable String data(InputStream data) throws RejectException, IOException {
			byte[] bytes = data.readAllBytes();
			// SubEthaSMTP checks only a size declared in MAIL FROM, which may be absent
			if (bytes.length > MAX_MESSAGE_SIZE) {
				throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
			}
			if (take(RelayFault.DATA_554)) {
				throw new RejectException(554, "5.7.1 Message refused");
			}
			String queueId = secret();
			String user = this.session.getAuthenticationHandler()
				.map(AuthenticationHandler::getIdentity)
				.map(String::valueOf)
				.orElse(null);
			boolean tls = this.session.getSocket() instanceof SSLSocket;
			queued(new ReceivedMessage(this.from, this.recipients, bytes, queueId, user, tls));
			if (take(RelayFault.DROP_AFTER_DATA)) {
				// queued, but the client never hears so
				closeQuietly(this.session);
			}
			else if (take(RelayFault.HANG_AFTER_DATA)) {
				try {
					InfobipSmtpTestRelay.this.hangs.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return "2.6.0 Message queued as <" + queueId + ">";
		}

		@Override
		public void done() {
		}

	}

	private final class Sessions implements SessionHandler {

		@Override
		public SessionAcceptance accept(Session session) {
			if (take(RelayFault.GREETING_421)) {
				return SessionAcceptance.failure(421, "4.7.0 Service not available, try again later");
			}
			if (InfobipSmtpTestRelay.this.openSessions.size() >= InfobipSmtpTestRelay.this.maxConnections) {
				return SessionAcceptance.failure(421, "4.7.0 Too many connections, try again later");
			}
			InfobipSmtpTestRelay.this.openSessions.add(session);
			return SessionAcceptance.success();
		}

		@Override
		public void onSessionEnd(Session session) {
			InfobipSmtpTestRelay.this.openSessions.remove(session);
		}

	}

}

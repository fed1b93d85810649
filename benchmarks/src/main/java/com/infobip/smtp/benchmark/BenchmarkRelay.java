/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.RelayCertificates;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The benchmark's relay: SubEthaSMTP on loopback requiring STARTTLS and then AUTH, as
 * Infobip's port 587, presenting the localhost certificate of the test module's
 * {@link RelayCertificates}, answering "250 2.6.0 Message queued as &lt;id&gt;" and only
 * counting messages, so that long runs keep no message in memory. Unlike
 * {@link InfobipSmtpTestRelay}, which keeps every message, it can advertise PIPELINING:
 * SubEthaSMTP reads pipelined commands in order but neither advertises the keyword nor
 * offers a public way to change EHLO, so the command handler is set by reflection here,
 * in benchmark code only.
 */
final class BenchmarkRelay implements AutoCloseable {

	static final String USERNAME = InfobipSmtpTestRelay.API_KEY_USERNAME;

	static final String API_KEY = "benchmark-api-key";

	private final SMTPServer server;

	private final AtomicInteger messages = new AtomicInteger();

	private final boolean pipelining;

	BenchmarkRelay(boolean pipelining) {
		this.pipelining = pipelining;
		SMTPServer.Builder builder = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(BenchmarkRelay::login))
			.requireAuth()
			.sessionHandler(new Sessions())
			.messageHandlerFactory(Transaction::new)
			.enableTLS()
			.requireTLS()
			.startTlsSocketFactory(RelayCertificates.get().serverContext());
		if (pipelining) {
			PipeliningEhlo.install(builder);
		}
		this.server = builder.build();
		this.server.start();
	}

	int port() {
		return this.server.getPortAllocated();
	}

	int messageCount() {
		return this.messages.get();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private static void login(String username, String password, MessageContext context) throws LoginFailedException {
		if (!USERNAME.equals(username) || !API_KEY.equals(password)) {
			throw new LoginFailedException();
		}
	}

	private final class Transaction implements MessageHandler {

		Transaction(MessageContext context) {
		}

		@Override
		public void from(String from) {
		}

		@Override
		public void recipient(String recipient) {
		}

		@Override
		public String data(InputStream data) throws IOException {
			data.readAllBytes();
			int message = BenchmarkRelay.this.messages.incrementAndGet();
			return "2.6.0 Message queued as <b-" + message + ">";
		}

		@Override
		public void done() {
		}

	}

	private final class Sessions implements SessionHandler {

		@Override
		public SessionAcceptance accept(Session session) {
			if (BenchmarkRelay.this.pipelining) {
				// an RFC 2920 server sends the replies to a group at once; SubEthaSMTP
				// writes each on its own, and Nagle's algorithm would hold them for the
				// client's ACK
				try {
					session.getSocket().setTcpNoDelay(true);
				}
				catch (SocketException ex) {
					// closed
				}
			}
			return SessionAcceptance.success();
		}

		@Override
		public void onSessionEnd(Session session) {
		}

	}

	/**
	 * EHLO with PIPELINING.
	 */
	private static final class PipeliningEhlo extends BaseCommand {

		private PipeliningEhlo() {
			super("EHLO", "Introduce yourself.", "<hostname>");
		}

		static void install(SMTPServer.Builder builder) {
			CommandHandler commands = new CommandHandler();
			commands.addCommand(new PipeliningEhlo());
			try {
				Field field = SMTPServer.Builder.class.getDeclaredField("commandHandler");
				field.setAccessible(true);
				field.set(builder, commands);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("SubEthaSMTP changed: cannot replace EHLO", ex);
			}
		}

		@Override
		public void execute(String commandString, Session session) throws IOException {
			String[] args = getArgs(commandString);
			if (args.length < 2) {
				session.sendResponse("501 Syntax: EHLO hostname");
				return;
			}
			session.resetMailTransaction();
			session.setHelo(args[1]);
			SMTPServer server = session.getServer();
			StringBuilder response = new StringBuilder("250-").append(server.getHostName());
			response.append("\r\n250-8BITMIME\r\n250-SIZE ").append(server.getMaxMessageSize());
			response.append("\r\n250-PIPELINING");
			if (server.getEnableTLS() && !session.isTLSStarted()) {
				response.append("\r\n250-STARTTLS");
			}
			if (session.isTLSStarted() || !server.getRequireTLS()) {
				response.append("\r\n250-AUTH PLAIN LOGIN");
			}
			session.sendResponse(response.append("\r\n250 Ok").toString());
		}

	}

}

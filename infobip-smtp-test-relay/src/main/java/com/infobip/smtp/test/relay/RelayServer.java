/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SubEthaSMTP server behind an {@link SmtpTestRelay}, started on a free loopback
 * port: secures connections as the builder says (STARTTLS required, implicit TLS or none,
 * with its identity and TLS versions), requires AUTH, takes messages up to
 * {@link SmtpTestRelay#MAX_MESSAGE_SIZE}, and answers through the relay's session,
 * transaction and command handlers.
 */
final class RelayServer {

	private final SMTPServer server;

	private final String @Nullable [] tlsProtocols;

	private final SSLContext tlsContext;

	/**
	 * Start the server.
	 * @param host the host name it greets with
	 * @param options the relay's builder
	 * @param faults the faults to inject
	 * @param traffic where what the relay sees is recorded
	 * @param accounts the credentials it accepts
	 */
	RelayServer(String host, SmtpTestRelay.Builder options, Faults faults, Traffic traffic,
			UsernamePasswordValidator accounts) {
		this.tlsProtocols = options.tlsProtocols;
		this.tlsContext = options.identity.createSslContext();
		SMTPServer.Builder server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName(host)
			.softwareName("Infobip SMTP test relay")
			.maxMessageSize(SmtpTestRelay.MAX_MESSAGE_SIZE)
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(accounts))
			.requireAuth()
			.sessionHandler(new RelaySessions(faults, traffic, options.pipelining))
			.messageHandlerFactory((context) -> new RelayTransaction(context, faults, traffic, RelayIds::next));
		switch (options.security) {
			case STARTTLS -> server.enableTLS().requireTLS().startTlsSocketFactory(this::startTlsSocket);
			case TLS -> server.serverSocketFactory(this::tlsServerSocket)
				.enableTLS(false)
				.showAuthCapabilitiesBeforeSTARTTLS(true);
			case NONE -> server.enableTLS(false).showAuthCapabilitiesBeforeSTARTTLS(true);
		}
		RelayCommands.install(server, options.pipelining, options.dsn, traffic::commandLine);
		this.server = server.build();
		this.server.start();
	}

	int port() {
		return this.server.getPortAllocated();
	}

	void stop() {
		this.server.stop();
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

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * Creates the TLS sockets of a session with the configured factory and hands each one to
 * the transport that is connecting on the calling thread, so that the transport can close
 * it without waiting for a relay that stopped answering. Angus Mail layers TLS over a
 * plain socket both for STARTTLS and for implicit TLS, so the layering method is the one
 * it calls.
 */
final class TransportSslSocketFactory extends SSLSocketFactory {

	private final @Nullable SSLSocketFactory configured;

	/**
	 * Create a factory.
	 * @param configured the factory of the SSL bundle, or {@code null} for the JVM's
	 * default, looked up for every socket as Angus Mail does
	 */
	TransportSslSocketFactory(@Nullable SSLSocketFactory configured) {
		this.configured = configured;
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return InfobipSmtpTransport.opened(delegate().createSocket(socket, host, port, autoClose));
	}

	@Override
	public Socket createSocket() throws IOException {
		return InfobipSmtpTransport.opened(delegate().createSocket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return InfobipSmtpTransport.opened(delegate().createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return InfobipSmtpTransport.opened(delegate().createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return InfobipSmtpTransport.opened(delegate().createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return InfobipSmtpTransport.opened(delegate().createSocket(address, port, localAddress, localPort));
	}

	private SSLSocketFactory delegate() {
		return (this.configured != null) ? this.configured : (SSLSocketFactory) SSLSocketFactory.getDefault();
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return delegate().getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return delegate().getSupportedCipherSuites();
	}

}

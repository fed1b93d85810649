/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocketFactory;

/**
 * Creates the TLS sockets of a session with the configured factory and hands each one to
 * the transport that is connecting on the calling thread, so that the transport can close
 * it without waiting for a relay that stopped answering. Angus Mail layers TLS over a
 * plain socket both for STARTTLS and for implicit TLS, so the layering method is the one
 * it calls.
 */
final class TrackingSslSocketFactory extends SSLSocketFactory {

	private final SSLSocketFactory delegate;

	TrackingSslSocketFactory(SSLSocketFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return TrackingSmtpTransport.opened(this.delegate.createSocket(socket, host, port, autoClose));
	}

	@Override
	public Socket createSocket() throws IOException {
		return TrackingSmtpTransport.opened(this.delegate.createSocket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return TrackingSmtpTransport.opened(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return TrackingSmtpTransport.opened(this.delegate.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return TrackingSmtpTransport.opened(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return TrackingSmtpTransport.opened(this.delegate.createSocket(address, port, localAddress, localPort));
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

}

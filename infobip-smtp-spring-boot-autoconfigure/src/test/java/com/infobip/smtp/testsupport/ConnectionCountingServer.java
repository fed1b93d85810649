/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP server that only counts connections, to prove that a refused message
 * opened none.
 */
public final class ConnectionCountingServer implements AutoCloseable {

	private final ServerSocket socket;

	private final AtomicInteger accepted = new AtomicInteger();

	private final Thread acceptor;

	/**
	 * Start listening on a free loopback port.
	 * @throws IOException if the port cannot be opened
	 */
	public ConnectionCountingServer() throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "connection-counter");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Return the port listened on.
	 * @return the port
	 */
	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Return how many connections were accepted.
	 * @return the number of connections
	 */
	public int connections() {
		return this.accepted.get();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				this.accepted.incrementAndGet();
				client.close();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a relay that can stall: from {@link #stall()} on, it
 * forwards nothing in either direction and closes nothing, yet keeps reading what the
 * client writes, as a relay whose host stopped answering while its TCP connections stay
 * up. TLS passes through it untouched.
 */
public final class StallingProxy implements AutoCloseable {

	private final ServerSocket socket;

	private final int targetPort;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private final AtomicLong bytesHeld = new AtomicLong();

	private volatile boolean stalled;

	/**
	 * Start a proxy on a free loopback port in front of the given loopback port.
	 * @param targetPort the relay's port
	 * @throws IOException if the port cannot be opened
	 */
	public StallingProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon(this::accept, "stalling-proxy").start();
	}

	/**
	 * Return the port the proxy listens on.
	 * @return the port
	 */
	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Stop forwarding in both directions; connections stay open.
	 */
	public void stall() {
		this.stalled = true;
	}

	/**
	 * Return how many bytes the client wrote since the proxy stalled.
	 * @return the bytes read and not forwarded
	 */
	public long bytesHeld() {
		return this.bytesHeld.get();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket connection : this.connections) {
			connection.close();
		}
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				Socket relay = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.connections.add(client);
				this.connections.add(relay);
				daemon(() -> pump(client, relay, true), "stalling-proxy-up").start();
				daemon(() -> pump(relay, client, false), "stalling-proxy-down").start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pump(Socket from, Socket to, boolean fromClient) {
		byte[] buffer = new byte[8192];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				if (this.stalled) {
					if (fromClient) {
						this.bytesHeld.addAndGet(read);
					}
					continue;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
			if (!this.stalled) {
				to.shutdownOutput();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}

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
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a server (a relay, a database) whose network can be
 * cut at once: {@link #cut()} resets every connection through it and refuses new ones, as
 * when the host of the client died. What the client wrote before the cut and the proxy
 * had forwarded still reaches the server; the server's answers never reach the client.
 * Passes TLS through untouched.
 */
public final class CuttableProxy implements AutoCloseable {

	private final ServerSocket socket;

	private final int targetPort;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	/**
	 * Start a proxy on a free loopback port in front of the given loopback port.
	 * @param targetPort the server's port
	 * @throws IOException if the port cannot be opened
	 */
	public CuttableProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		daemon(this::accept, "cuttable-proxy").start();
	}

	/**
	 * Return the port the proxy listens on.
	 * @return the port
	 */
	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Reset every connection through the proxy, both sides, and refuse new ones.
	 */
	public void cut() {
		this.cut = true;
		closeQuietly(this.socket);
		for (Socket connection : this.connections) {
			try {
				// a reset, not an orderly close: nothing more crosses
				connection.setSoLinger(true, 0);
			}
			catch (SocketException ex) {
				// closed already
			}
			closeQuietly(connection);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private void accept() {
		while (!this.cut) {
			try {
				Socket client = this.socket.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.connections.add(client);
				this.connections.add(server);
				if (this.cut) {
					cut();
					return;
				}
				daemon(() -> pump(client, server), "cuttable-proxy-up").start();
				daemon(() -> pump(server, client), "cuttable-proxy-down").start();
			}
			catch (IOException ex) {
				// closed, or the server refused
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			for (int read = in.read(buffer); read >= 0 && !this.cut; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.connections.remove(from);
			this.connections.remove(to);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closed
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that counts the client's turns: how often the client starts
 * writing after the relay has written. Each turn costs a round trip on a real network, so
 * a pipelined message takes fewer. Counts encrypted bytes, so it works through TLS. One
 * connection at a time.
 */
public final class TurnCountingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final AtomicInteger clientTurns = new AtomicInteger();

	// true while the client was the last to write
	private volatile boolean clientSpeaking;

	public TurnCountingProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "turn-counting-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Return the client's turns since the last reset.
	 * @return the number of turns
	 */
	public int clientTurns() {
		return this.clientTurns.get();
	}

	public void resetTurns() {
		this.clientTurns.set(0);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket relay = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				pump(client, relay, true);
				pump(relay, client, false);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pump(Socket from, Socket to, boolean fromClient) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					synchronized (this) {
						if (fromClient && !this.clientSpeaking) {
							this.clientTurns.incrementAndGet();
						}
						this.clientSpeaking = fromClient;
					}
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
			}
		}, "turn-counting-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed
		}
	}

}

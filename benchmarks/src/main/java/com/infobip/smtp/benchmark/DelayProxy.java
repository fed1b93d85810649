/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that delays each direction by half a round trip, as a network
 * link does: every chunk read is stamped and written once its delay has passed, so bytes
 * sent back to back (pipelined commands, a message's data) overlap in flight instead of
 * waiting for each other.
 */
final class DelayProxy implements AutoCloseable {

	private static final byte[] END = new byte[0];

	private final ServerSocket server;

	private final int upstreamPort;

	private final long oneWayNanos;

	private final Thread acceptor;

	DelayProxy(int upstreamPort, long roundTripMillis) throws IOException {
		this.upstreamPort = upstreamPort;
		this.oneWayNanos = TimeUnit.MILLISECONDS.toNanos(roundTripMillis) / 2;
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "delay-proxy-" + roundTripMillis + "ms");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.upstreamPort), 10_000);
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException ex) {
				// closed, or one connection failed: the sender sees it
			}
		}
	}

	private void pipe(Socket from, Socket to) throws IOException {
		BlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					inFlight.add(new Chunk(System.nanoTime() + this.oneWayNanos, Arrays.copyOf(buffer, read)));
				}
			}
			catch (IOException ex) {
				// the connection ended
			}
			inFlight.add(new Chunk(System.nanoTime() + this.oneWayNanos, END));
		}, "delay-proxy-read");
		Thread writer = new Thread(() -> {
			try {
				while (true) {
					Chunk chunk = inFlight.take();
					for (long wait = chunk.due - System.nanoTime(); wait > 0; wait = chunk.due - System.nanoTime()) {
						LockSupport.parkNanos(wait);
					}
					if (chunk.bytes == END) {
						break;
					}
					out.write(chunk.bytes);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// the connection ended
			}
			closeQuietly(to);
			closeQuietly(from);
		}, "delay-proxy-write");
		reader.setDaemon(true);
		writer.setDaemon(true);
		reader.start();
		writer.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private record Chunk(long due, byte[] bytes) {
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The relay process, started with the same class path, destroyed when closed.
 */
final class RelayClient implements AutoCloseable {

	private final Process process;

	private final BufferedReader out;

	private final PrintWriter in;

	private final int port;

	private final Path caPem;

	private final Map<Integer, Integer> proxyPorts = new LinkedHashMap<>();

	// an await asked for and not yet answered: no other command may be sent before
	private boolean awaiting;

	private RelayClient(Process process, List<Integer> latencies) throws IOException {
		this.process = process;
		this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
		this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII), true);
		String ready = this.out.readLine();
		if (ready == null || !ready.startsWith("ready ")) {
			throw new IllegalStateException("relay did not start: " + ready);
		}
		String[] parts = ready.split(" ");
		this.port = Integer.parseInt(parts[1]);
		this.caPem = Path.of(parts[2]);
		for (int i = 0; i < latencies.size(); i++) {
			this.proxyPorts.put(latencies.get(i), Integer.parseInt(parts[3 + i]));
		}
	}

	static RelayClient start(List<Integer> latencies) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xms256m", "-Xmx512m",
				"-Dbenchmark.pipelining=" + System.getProperty("benchmark.pipelining", "true"), "-cp",
				System.getProperty("java.class.path"), RelayProcess.class.getName()));
		for (int latency : latencies) {
			command.add(String.valueOf(latency));
		}
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try {
			return new RelayClient(process, latencies);
		}
		catch (IOException | RuntimeException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	long pid() {
		return this.process.pid();
	}

	int port() {
		return this.port;
	}

	int proxyPort(int roundTrip) {
		return this.proxyPorts.get(roundTrip);
	}

	Path caPem() {
		return this.caPem;
	}

	synchronized int count() throws IOException {
		return Integer.parseInt(ask("count"));
	}

	/**
	 * Return whether the relay's {@link System#nanoTime()} is this JVM's: true where both
	 * read the same monotonic clock (HotSpot on Linux: CLOCK_MONOTONIC), checked by
	 * asking for it between two readings of this JVM's, five times.
	 * @return whether the times {@link #arrivalNanos()} reports are on this JVM's clock
	 */
	synchronized boolean sharesClock() throws IOException {
		for (int i = 0; i < 5; i++) {
			long before = System.nanoTime();
			long relay = Long.parseLong(ask("clock"));
			long after = System.nanoTime();
			if (relay < before || relay > after) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Ask the relay to say when it has received {@code count} messages in all; read the
	 * answer with {@link #arrivalNanos()}, sending nothing else before. Asked before the
	 * message is committed, so that the answer cannot come early.
	 * @param count the relay's count to wait for
	 * @param timeoutMillis how long the relay waits at most
	 */
	synchronized void awaitCount(int count, long timeoutMillis) {
		requireNoAwait();
		this.in.println(String.format(Locale.ROOT, "await %d %d", count, timeoutMillis));
		this.awaiting = true;
	}

	/**
	 * Read the answer to {@link #awaitCount(int, long)}.
	 * @return the relay's {@link System#nanoTime()} when it saw the count reached (within
	 * {@link RelayProcess#AWAIT_POLL_NANOS})
	 */
	synchronized long arrivalNanos() throws IOException {
		if (!this.awaiting) {
			throw new IllegalStateException("no await asked for");
		}
		this.awaiting = false;
		String line = read();
		if (line.startsWith("timeout")) {
			throw new IllegalStateException("relay did not receive the message in time: " + line);
		}
		return Long.parseLong(line);
	}

	private String ask(String command) throws IOException {
		requireNoAwait();
		this.in.println(command);
		return read();
	}

	private String read() throws IOException {
		String line = this.out.readLine();
		if (line == null) {
			throw new IllegalStateException("relay process ended");
		}
		return line.trim();
	}

	private void requireNoAwait() {
		if (this.awaiting) {
			throw new IllegalStateException("the answer to an await is still to be read");
		}
	}

	void expect(int before, int messages) throws IOException {
		int received = count() - before;
		if (received != messages) {
			throw new IllegalStateException("relay received " + received + " of " + messages + " messages");
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.in.close();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		this.process.destroyForcibly();
	}

}

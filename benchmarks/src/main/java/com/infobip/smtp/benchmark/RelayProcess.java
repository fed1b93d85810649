/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.test.relay.TestCertificates;
import org.slf4j.LoggerFactory;

/**
 * The relay of the benchmark, run in its own JVM so that its CPU is not charged to the
 * senders: the test relay module's {@link SmtpTestRelay} (STARTTLS + AUTH, as Infobip's
 * port 587) on loopback, presenting the test certificate for localhost, counting messages
 * without keeping them, offering PIPELINING unless {@code -Dbenchmark.pipelining=false},
 * and one {@link DelayProxy} in front of it per round trip given as argument
 * (milliseconds).
 * <p>
 * It prints one line, {@code ready <relay port> <CA PEM file> <proxy port>...}, then
 * answers each line on its standard input: {@code count} with the number of messages
 * received; {@code clock} with its {@link System#nanoTime()}; {@code await <count>
 * <timeout ms>} with its {@code System.nanoTime()} at the moment it saw the number of
 * messages received reach {@code count} (polled every {@value #AWAIT_POLL_NANOS} ns), or
 * {@code timeout <count>}. It stops when its standard input ends (the benchmark closed it
 * or died), or after an hour at the latest.
 */
public final class RelayProcess {

	/**
	 * User name the senders authenticate as.
	 */
	static final String USERNAME = SmtpTestRelay.API_KEY_USERNAME;

	/**
	 * API key the relay accepts.
	 */
	static final String API_KEY = "benchmark-api-key";

	private static final long MAX_LIFETIME_MILLIS = 3_600_000;

	/**
	 * How often {@code await} looks at the count: the resolution of the receive times it
	 * reports.
	 */
	static final long AWAIT_POLL_NANOS = 50_000;

	private RelayProcess() {
	}

	public static void main(String[] args) throws IOException {
		// SubEthaSMTP logs every session; the relay's standard output is its answers
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		Deadline.exitAfter(MAX_LIFETIME_MILLIS, "relay-deadline");
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
		List<DelayProxy> proxies = new ArrayList<>();
		Path caPem = Files.createTempFile("benchmark-relay-ca", ".pem");
		caPem.toFile().deleteOnExit();
		Files.writeString(caPem, TestCertificates.TRUSTED_CA.getPem(), StandardCharsets.US_ASCII);
		boolean pipelining = !"false".equals(System.getProperty("benchmark.pipelining"));
		try (SmtpTestRelay relay = SmtpTestRelay.builder()
			.apiKey(API_KEY)
			.pipelining(pipelining)
			.keepMessages(false)
			.start()) {
			StringBuilder ready = new StringBuilder("ready ").append(relay.getPort())
				.append(' ')
				.append(caPem.toAbsolutePath());
			for (String roundTrip : args) {
				DelayProxy proxy = new DelayProxy(relay.getPort(), Long.parseLong(roundTrip));
				proxies.add(proxy);
				ready.append(' ').append(proxy.port());
			}
			out.println(ready);
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.equals("count")) {
					out.println(String.format(Locale.ROOT, "%d", relay.getMessageCount()));
				}
				else if (line.equals("clock")) {
					out.println(String.format(Locale.ROOT, "%d", System.nanoTime()));
				}
				else if (line.startsWith("await ")) {
					String[] parts = line.split(" ");
					out.println(await(relay, Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
				}
			}
		}
		finally {
			for (DelayProxy proxy : proxies) {
				proxy.close();
			}
		}
		System.exit(0);
	}

	/**
	 * Wait until the relay received {@code count} messages: the relay has no hook on a
	 * message's arrival, so its count is polled, and the time it was seen is the receive
	 * time, within the poll interval.
	 */
	private static String await(SmtpTestRelay relay, int count, long timeoutMillis) {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
		while (true) {
			long now = System.nanoTime();
			if (relay.getMessageCount() >= count) {
				return String.format(Locale.ROOT, "%d", now);
			}
			if (now - deadline > 0) {
				return String.format(Locale.ROOT, "timeout %d", relay.getMessageCount());
			}
			LockSupport.parkNanos(AWAIT_POLL_NANOS);
		}
	}

}

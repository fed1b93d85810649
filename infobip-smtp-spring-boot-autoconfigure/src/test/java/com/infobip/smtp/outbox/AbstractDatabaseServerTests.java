/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real database server the outbox tests run against: it answers, hands out rows to
 * competing transactions with {@code FOR UPDATE SKIP LOCKED}, and serves a child JVM that
 * is then killed without harm to the server. A subclass runs these tests on each server,
 * saying what the server's dialect needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractDatabaseServerTests {

	// the standard form that H2 takes as well (H2SkipLockedTests)
	private static final String CLAIM = "SELECT id FROM job ORDER BY id FETCH FIRST 3 ROWS ONLY FOR UPDATE SKIP LOCKED";

	private TestDatabase database;

	/**
	 * Return a new database on the server.
	 */
	abstract TestDatabase createDatabase();

	/**
	 * Return a query for the server's version and the name of the connection's database.
	 */
	abstract String versionAndDatabaseQuery();

	/**
	 * Assert that the version is the server's the tests are meant for.
	 */
	abstract void assertVersion(String version);

	/**
	 * Return the statement that makes the current transaction wait at most
	 * {@code timeout} for a row lock.
	 */
	abstract String lockTimeout(Duration timeout);

	@BeforeAll
	void createTable() throws SQLException {
		this.database = createDatabase();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE job (id INT PRIMARY KEY)");
			statement.execute("INSERT INTO job VALUES "
					+ IntStream.rangeClosed(1, 10).mapToObj((id) -> "(" + id + ")").collect(Collectors.joining(", ")));
		}
	}

	@Test
	void connectsToTheRealServer() throws SQLException {
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(versionAndDatabaseQuery())) {
			assertThat(result.next()).isTrue();
			assertVersion(result.getString(1));
			assertThat(result.getString(2)).isEqualTo(this.database.name());
		}
	}

	@Test
	void concurrentTransactionsClaimDisjointRowsWithSkipLocked() throws SQLException {
		try (Connection first = connect(); Connection second = connect()) {
			first.setAutoCommit(false);
			second.setAutoCommit(false);
			List<Integer> claimedFirst = claim(first);
			// the first transaction still holds its row locks
			List<Integer> claimedSecond = claim(second);
			assertThat(claimedFirst).containsExactly(1, 2, 3);
			assertThat(claimedSecond).containsExactly(4, 5, 6);
			first.rollback();
			second.rollback();
		}
	}

	@Test
	void childJvmConnectsAndItsForcedDeathReleasesItsLocksAndLeavesTheServerUsable() throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				LockingChild.class.getName(), this.database.jdbcUrl("locking-child"))
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			assertThat(output.readLine()).isEqualTo(LockingChild.LOCKED);
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				connection.setAutoCommit(false);
				statement.execute(lockTimeout(Duration.ofMillis(50)));
				assertThat(claim(connection)).as("rows the child holds").containsExactly(4, 5, 6);
				connection.rollback();
			}
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			// Waits until the server has noticed the dead client
			// and ended its transaction.
			statement.execute(lockTimeout(Duration.ofSeconds(10)));
			List<Integer> locked = new ArrayList<>();
			try (ResultSet result = statement.executeQuery("SELECT id FROM job WHERE id <= 3 FOR UPDATE")) {
				while (result.next()) {
					locked.add(result.getInt(1));
				}
			}
			assertThat(locked).containsExactly(1, 2, 3);
			connection.rollback();
		}
	}

	private Connection connect() throws SQLException {
		return this.database.dataSource().getConnection();
	}

	private static List<Integer> claim(Connection connection) throws SQLException {
		List<Integer> ids = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(CLAIM);
				ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				ids.add(result.getInt(1));
			}
		}
		return ids;
	}

	/**
	 * Run in a child JVM: claims rows 1 to 3 and holds them until it is killed.
	 */
	static final class LockingChild {

		static final String LOCKED = "locked";

		private LockingChild() {
		}

		public static void main(String[] args) throws Exception {
			try (Connection connection = DriverManager.getConnection(args[0])) {
				connection.setAutoCommit(false);
				assertThat(claim(connection)).containsExactly(1, 2, 3);
				System.out.println(LOCKED);
				System.out.flush();
				// Until the parent kills this JVM: its stdin stays open and silent.
				System.in.read();
			}
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.infobip.smtp.internal.outbox.GroupCommits.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GroupCommits} on a real database. An update of a row another
 * connection holds locked keeps its thread committing, so that the updates submitted
 * meanwhile are known to wait for the next group.
 */
abstract class AbstractGroupCommitsTests {

	private static final String UPDATE = "UPDATE T SET V = ? WHERE ID = ?";

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final AtomicInteger connections = new AtomicInteger();

	private DataSource database;

	private JdbcTemplate jdbc;

	private GroupCommits commits;

	private Connection blocker;

	@BeforeEach
	void createTable() throws SQLException {
		this.database = createDatabase();
		this.jdbc = new JdbcTemplate(this.database);
		this.jdbc.execute("CREATE TABLE T (ID VARCHAR(8) PRIMARY KEY, V INT NOT NULL CHECK (V >= 0))");
		for (String id : List.of("a", "b", "c", "d")) {
			this.jdbc.update("INSERT INTO T (ID, V) VALUES (?, 0)", id);
		}
		this.commits = new GroupCommits(new OutboxDatabase(countingConnections(this.database)));
		this.connections.set(0);
		this.blocker = this.database.getConnection();
		this.blocker.setAutoCommit(false);
	}

	@AfterEach
	void close() throws SQLException {
		this.blocker.close();
		this.threads.shutdownNow();
	}

	/**
	 * Return a new, empty database, on which an update waits for a row another connection
	 * holds locked for at least 20 seconds.
	 */
	abstract DataSource createDatabase();

	@Test
	void anUpdateAloneIsCommittedAtOnce() {
		assertThat(update("a", statement(1, "a"))).isOne();
		assertThat(update("b", statement(1, "missing"))).isZero();
		assertThat(value("a")).isOne();
		assertThat(this.connections).hasValue(2);
	}

	@Test
	void updatesSubmittedWhileAGroupCommitsShareTheNextTransaction() throws Exception {
		Future<Integer> first = whileAHeldRowKeepsTheFirstCommitting();
		Future<Integer> b = submit("b", UPDATE, 2, "b");
		Future<Integer> c = submit("c", UPDATE, 3, "c");
		Future<Integer> none = submit("d", UPDATE, 4, "missing");
		awaitWaiting(3);
		this.blocker.commit();
		assertThat(first.get(10, TimeUnit.SECONDS)).isOne();
		assertThat(b.get(10, TimeUnit.SECONDS)).isOne();
		assertThat(c.get(10, TimeUnit.SECONDS)).isOne();
		assertThat(none.get(10, TimeUnit.SECONDS)).isZero();
		assertThat(List.of(value("a"), value("b"), value("c"), value("d"))).containsExactly(1, 2, 3, 0);
		// the first alone, then the three waiting in one transaction
		assertThat(this.connections).hasValue(2);
	}

	@Test
	void anUpdateThatFailsInAGroupFailsOnlyItsCaller() throws Exception {
		Future<Integer> first = whileAHeldRowKeepsTheFirstCommitting();
		Future<Integer> b = submit("b", UPDATE, 2, "b");
		Future<Integer> failing = submit("c", UPDATE, -1, "c");
		Future<Integer> d = submit("d", UPDATE, 4, "d");
		awaitWaiting(3);
		this.blocker.commit();
		assertThat(first.get(10, TimeUnit.SECONDS)).isOne();
		assertThat(b.get(10, TimeUnit.SECONDS)).isOne();
		assertThat(d.get(10, TimeUnit.SECONDS)).isOne();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(List.of(value("a"), value("b"), value("c"), value("d"))).containsExactly(1, 2, 0, 4);
		// the group rolled back, then each of its three alone
		assertThat(this.connections).hasValue(5);
	}

	@Test
	void statementsOfOneUpdateAreCommittedTogetherOrNotAtAll() throws Exception {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.commits.update("a", List.of(statement(1, "a"), statement(-1, "b"))));
		assertThat(List.of(value("a"), value("b"))).as("alone").containsExactly(0, 0);
		this.connections.set(0);

		Future<Integer> first = whileAHeldRowKeepsTheFirstCommitting();
		Future<int[]> failing = this.threads
			.submit(() -> this.commits.update("b", List.of(statement(2, "b"), statement(-1, "c"))));
		Future<int[]> pair = this.threads
			.submit(() -> this.commits.update("c", List.of(statement(3, "c"), statement(4, "missing"))));
		awaitWaiting(2);
		this.blocker.commit();
		assertThat(first.get(10, TimeUnit.SECONDS)).isOne();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(pair.get(10, TimeUnit.SECONDS)).containsExactly(1, 0);
		assertThat(List.of(value("a"), value("b"), value("c"))).as("in a group").containsExactly(1, 0, 3);
	}

	@Test
	void manyThreadsEachGetTheirOwnCount() throws Exception {
		int rows = 64;
		for (int i = 0; i < rows; i++) {
			this.jdbc.update("INSERT INTO T (ID, V) VALUES (?, 0)", "r" + i);
		}
		List<Future<Integer>> updates = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			String id = "r" + i;
			updates.add(submit(id, UPDATE, i, id));
			updates.add(submit(id + "x", UPDATE, i, id + "x"));
		}
		for (int i = 0; i < updates.size(); i++) {
			assertThat(updates.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i % 2 == 0) ? 1 : 0);
		}
		for (int i = 0; i < rows; i++) {
			assertThat(value("r" + i)).isEqualTo(i);
		}
	}

	private Future<Integer> whileAHeldRowKeepsTheFirstCommitting() throws SQLException {
		this.blocker.createStatement().executeUpdate("UPDATE T SET V = V WHERE ID = 'a'");
		Future<Integer> first = submit("a", UPDATE, 1, "a");
		// committing alone, on its connection, waiting for the row
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.connections.get() == 1);
		return first;
	}

	private int update(String id, Statement statement) {
		return this.commits.update(id, List.of(statement))[0];
	}

	private static Statement statement(int value, String id) {
		return new Statement(UPDATE, new Object[] { value, id });
	}

	private Future<Integer> submit(String id, String sql, Object... arguments) {
		return this.threads.submit((Callable<Integer>) () -> update(id, new Statement(sql, arguments)));
	}

	/**
	 * Wait until {@code count} updates wait for the group being committed: their threads
	 * wait on the group commit's condition.
	 */
	private void awaitWaiting(int count) {
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> Thread.getAllStackTraces()
				.entrySet()
				.stream()
				.filter((thread) -> thread.getKey().getState() == Thread.State.WAITING)
				.filter((thread) -> List.of(thread.getValue())
					.stream()
					.anyMatch((frame) -> frame.getClassName().equals(GroupCommits.class.getName())))
				.count() == count);
	}

	private int value(String id) {
		Integer value = this.jdbc.queryForObject("SELECT V FROM T WHERE ID = ?", Integer.class, id);
		return (value != null) ? value : -1;
	}

	private DataSource countingConnections(DataSource dataSource) {
		return new DelegatingDataSource(dataSource) {

			@Override
			public Connection getConnection() throws SQLException {
				AbstractGroupCommitsTests.this.connections.incrementAndGet();
				return super.getConnection();
			}

		};
	}

}

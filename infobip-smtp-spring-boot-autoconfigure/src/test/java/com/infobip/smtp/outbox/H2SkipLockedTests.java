/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 hands out rows to competing transactions with the same claim statement as PostgreSQL
 * and MariaDB ({@link AbstractDatabaseServerTests}), so the outbox can use one.
 */
class H2SkipLockedTests {

	private static final String URL = "jdbc:h2:mem:h2-skip-locked;DB_CLOSE_DELAY=-1";

	@BeforeAll
	static void createTable() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE job (id INT PRIMARY KEY)");
			statement.execute("INSERT INTO job SELECT x FROM system_range(1, 10)");
		}
	}

	@Test
	void concurrentTransactionsClaimDisjointRowsWithSkipLocked() throws SQLException {
		String claim = "SELECT id FROM job ORDER BY id FETCH FIRST 3 ROWS ONLY FOR UPDATE SKIP LOCKED";
		try (Connection first = DriverManager.getConnection(URL);
				Connection second = DriverManager.getConnection(URL)) {
			first.setAutoCommit(false);
			second.setAutoCommit(false);
			List<Integer> claimedFirst = ids(first, claim);
			// the first transaction still holds its row locks
			List<Integer> claimedSecond = ids(second, claim);
			assertThat(claimedFirst).containsExactly(1, 2, 3);
			assertThat(claimedSecond).containsExactly(4, 5, 6);
			first.rollback();
			second.rollback();
		}
	}

	private static List<Integer> ids(Connection connection, String sql) throws SQLException {
		List<Integer> ids = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				ids.add(result.getInt(1));
			}
		}
		return ids;
	}

}

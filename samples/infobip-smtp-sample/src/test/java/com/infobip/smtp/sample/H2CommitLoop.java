/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The child JVM of {@link H2DurabilityTests}: commits one row after another into the H2
 * database of the URL it is given, and prints the id of each row once its commit
 * returned, until it is killed.
 */
final class H2CommitLoop {

	private H2CommitLoop() {
	}

	public static void main(String[] args) throws SQLException {
		try (Connection connection = DriverManager.getConnection(args[0])) {
			connection.createStatement().execute("create table committed (id int primary key)");
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("insert into committed (id) values (?)")) {
				for (int id = 1;; id++) {
					insert.setInt(1, id);
					insert.executeUpdate();
					connection.commit();
					System.out.println(id);
				}
			}
		}
	}

}

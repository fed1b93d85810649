/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.util.List;

import javax.sql.DataSource;

/**
 * A fresh database on one of the real servers the outbox's tests run on
 * ({@link PostgresServer}, {@link MariaDbServer}), and what those tests ask the server in
 * its own dialect, so that one test runs on each.
 * <p>
 * The tests tell the instances that share a database apart by an application name: the
 * server knows each connection by it, so a test sees which sessions of an instance remain
 * and which changes it made.
 */
public interface TestDatabase {

	/**
	 * Return the platform, as in the outbox's {@code schema-<platform>.sql}.
	 */
	String platform();

	/**
	 * Return the database's name.
	 */
	String name();

	/**
	 * Return the server's port on loopback.
	 */
	int port();

	/**
	 * Return a data source for this database with a superuser's rights, which opens a new
	 * connection for each call; wrap it in a pool where a test needs one.
	 */
	DataSource dataSource();

	/**
	 * Return the JDBC URL of this database through a port on loopback (the server's or a
	 * proxy's in front of it), whose connections the server knows as {@code application}.
	 * @param port the port to connect to
	 * @param application the name of the instance that connects
	 * @return the URL, with the user in it; it needs no password
	 */
	String jdbcUrl(int port, String application);

	/**
	 * Return the JDBC URL of this database on the server's own port, whose connections
	 * the server knows as {@code application}.
	 * @param application the name of the instance that connects
	 * @return the URL, with the user in it; it needs no password
	 */
	default String jdbcUrl(String application) {
		return jdbcUrl(port(), application);
	}

	/**
	 * Return the statements that create the table {@code OUTBOX_AUDIT} and the trigger
	 * that fills it: for every change of an outbox entry's status, the entry's
	 * {@code ID}, {@code OLD_STATUS}, {@code NEW_STATUS} and {@code CLAIMED_BY}, the
	 * {@code APP} (application name) of the connection that made it, and when.
	 */
	List<String> auditSchema();

	/**
	 * Return how many sessions of {@code application} the server still has.
	 */
	int sessions(String application);

	/**
	 * Return how many sessions of {@code application} wait for a lock another holds.
	 */
	int sessionsWaitingForALock(String application);

	/**
	 * Return a count of the transactions the server committed or rolled back so far, for
	 * a rough figure of the transactions a test made; it may lag behind.
	 */
	long transactions();

}

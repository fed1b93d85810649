/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL the outbox tests run against.
 */
@Tag("postgres")
class PostgresServerPostgresTests extends AbstractDatabaseServerTests {

	@Override
	TestDatabase createDatabase() {
		return PostgresServer.createDatabase();
	}

	@Override
	String versionAndDatabaseQuery() {
		return "SELECT version(), current_database()";
	}

	@Override
	void assertVersion(String version) {
		assertThat(version).startsWith("PostgreSQL 18.");
	}

	@Override
	String lockTimeout(Duration timeout) {
		return "SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'";
	}

}

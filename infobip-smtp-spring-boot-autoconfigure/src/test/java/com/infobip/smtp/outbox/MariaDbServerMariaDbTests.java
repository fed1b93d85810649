/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MariaDB the outbox tests run against: Debian's, so that its version is the one a
 * Debian or Ubuntu host runs.
 */
@Tag("mariadb")
class MariaDbServerMariaDbTests extends AbstractDatabaseServerTests {

	@Override
	TestDatabase createDatabase() {
		return MariaDbServer.createDatabase();
	}

	@Override
	String versionAndDatabaseQuery() {
		return "SELECT version(), database()";
	}

	@Override
	void assertVersion(String version) {
		assertThat(version).contains("-MariaDB-").contains("deb");
	}

	@Override
	String lockTimeout(Duration timeout) {
		// whole seconds
		return "SET SESSION innodb_lock_wait_timeout = " + Math.max(1, timeout.toSeconds());
	}

}

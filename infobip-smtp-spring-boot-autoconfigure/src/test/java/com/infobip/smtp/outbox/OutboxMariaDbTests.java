/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import org.junit.jupiter.api.Tag;

/**
 * The outbox on MariaDB, in the tables of its {@code schema-mariadb.sql}.
 */
@Tag("mariadb")
class OutboxMariaDbTests extends AbstractOutboxDatabaseTests {

	@Override
	TestDatabase createDatabase() {
		return MariaDbServer.createDatabase();
	}

}

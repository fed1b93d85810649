/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import org.junit.jupiter.api.Tag;

/**
 * The outbox's SIGKILL test on PostgreSQL.
 */
@Tag("postgres")
class OutboxProcessKillPostgresTests extends AbstractOutboxProcessKillTests {

	@Override
	TestDatabase createDatabase() {
		return PostgresServer.createDatabase();
	}

}

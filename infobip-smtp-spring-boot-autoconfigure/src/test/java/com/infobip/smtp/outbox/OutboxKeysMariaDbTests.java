/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import org.junit.jupiter.api.Tag;

/**
 * Keyed and scheduled enqueues on MariaDB.
 */
@Tag("mariadb")
class OutboxKeysMariaDbTests extends AbstractOutboxKeysTests {

	@Override
	TestDatabase createDatabase() {
		return MariaDbServer.createDatabase();
	}

}

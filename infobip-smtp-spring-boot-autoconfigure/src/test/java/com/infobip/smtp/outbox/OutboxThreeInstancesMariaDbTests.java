/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import org.junit.jupiter.api.Tag;

/**
 * The outbox's three-instance test on MariaDB.
 */
@Tag("mariadb")
class OutboxThreeInstancesMariaDbTests extends AbstractOutboxThreeInstancesTests {

	@Override
	TestDatabase createDatabase() {
		return MariaDbServer.createDatabase();
	}

}

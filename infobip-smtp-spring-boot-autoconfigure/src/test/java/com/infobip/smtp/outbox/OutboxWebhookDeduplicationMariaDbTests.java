/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import org.junit.jupiter.api.Tag;

/**
 * The webhook's deduplication across two instances on MariaDB.
 */
@Tag("mariadb")
class OutboxWebhookDeduplicationMariaDbTests extends AbstractOutboxWebhookDeduplicationTests {

	@Override
	TestDatabase createDatabase() {
		return MariaDbServer.createDatabase();
	}

}

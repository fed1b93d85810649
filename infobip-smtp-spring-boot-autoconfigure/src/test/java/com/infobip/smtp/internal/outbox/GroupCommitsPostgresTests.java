/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import javax.sql.DataSource;

import com.infobip.smtp.outbox.PostgresServer;
import org.junit.jupiter.api.Tag;

/**
 * {@link GroupCommits} on PostgreSQL: a group's updates sent as a JDBC batch per
 * statement, each with its own row count.
 */
@Tag("postgres")
class GroupCommitsPostgresTests extends AbstractGroupCommitsTests {

	@Override
	DataSource createDatabase() {
		return PostgresServer.createDatabase().dataSource();
	}

}

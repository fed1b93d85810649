/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link GroupCommits} on H2: a group's updates one statement after the other.
 */
class GroupCommitsTests extends AbstractGroupCommitsTests {

	private DataSource database;

	@Override
	DataSource createDatabase() {
		this.database = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
		return this.database;
	}

	@AfterEach
	void shutDown() {
		new JdbcTemplate(this.database).execute("SHUTDOWN");
	}

}

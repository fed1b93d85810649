/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.sql.Array;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade script on PostgreSQL.
 */
@Tag("postgres")
class OutboxSchemaUpgradePostgresTests extends AbstractOutboxSchemaUpgradeTests {

	@Override
	TestDatabase createDatabase() {
		return PostgresServer.createDatabase();
	}

	@Test
	void upgradedTableKeepsMessagesOutOfItsRowsAsANewOneDoes() {
		TestDatabase database = createDatabase();
		new ResourceDatabasePopulator(new ClassPathResource("outbox-first-schema/schema-postgresql.sql"),
				new ClassPathResource("com/infobip/smtp/outbox/upgrade-operations-postgresql.sql"))
			.execute(database.dataSource());
		TestDatabase fresh = createDatabase();
		new ResourceDatabasePopulator(new ClassPathResource("com/infobip/smtp/outbox/schema-postgresql.sql"))
			.execute(fresh.dataSource());

		assertThat(storageOptions(database)).containsExactly("toast_tuple_target=1024")
			.isEqualTo(storageOptions(fresh));
	}

	private static String[] storageOptions(TestDatabase database) {
		return new JdbcTemplate(database.dataSource())
			.queryForObject("SELECT reloptions FROM pg_class WHERE relname = 'infobip_smtp_outbox'", (row, i) -> {
				Array options = row.getArray(1);
				return (options != null) ? (String[]) options.getArray() : new String[0];
			});
	}

}

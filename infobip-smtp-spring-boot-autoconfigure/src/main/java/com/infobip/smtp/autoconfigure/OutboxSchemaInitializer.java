/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.sql.DatabaseMetaData;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the outbox tables from {@code com/infobip/smtp/outbox/schema-<platform>.sql} as
 * {@code infobip.smtp.outbox.initialize-schema} says; the scripts skip tables that exist.
 * Being a database initializer, beans that depend on database initialization run after
 * it.
 */
final class OutboxSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	static final String SCHEMA_LOCATION = "classpath:com/infobip/smtp/outbox/schema-@@platform@@.sql";

	private static final List<DatabaseDriver> SUPPORTED = List.of(DatabaseDriver.H2, DatabaseDriver.POSTGRESQL,
			DatabaseDriver.MYSQL, DatabaseDriver.MARIADB);

	private static final List<DatabaseDriver> EMBEDDED = List.of(DatabaseDriver.HSQLDB, DatabaseDriver.DERBY);

	OutboxSchemaInitializer(DataSource dataSource, InfobipSmtpOutboxProperties outbox) {
		super(dataSource, settings(dataSource, outbox));
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, InfobipSmtpOutboxProperties outbox) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		DatabaseInitializationMode mode = DatabaseInitializationMode.valueOf(outbox.getInitializeSchema().name());
		settings.setMode(mode);
		if (mode == DatabaseInitializationMode.NEVER) {
			return settings;
		}
		DatabaseDriver driver = driver(dataSource);
		refuseEarlierSchema(dataSource);
		if (SUPPORTED.contains(driver)) {
			settings.setSchemaLocations(
					new PlatformPlaceholderDatabaseDriverResolver().resolveAll(driver.getId(), SCHEMA_LOCATION));
		}
		else if (mode == DatabaseInitializationMode.ALWAYS || EMBEDDED.contains(driver)) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.outbox cannot create its tables in a " + driver
							+ " database: scripts exist for H2, PostgreSQL, MySQL and MariaDB.",
					"Create the tables with your own migrations, from the script of the closest database in com/infobip/smtp/outbox, and set infobip.smtp.outbox.initialize-schema=never.");
		}
		return settings;
	}

	/**
	 * Fail, saying what to run, when the outbox's table was created by an earlier script:
	 * the scripts skip a table that exists, and the new indexes would fail on its missing
	 * columns.
	 */
	private static void refuseEarlierSchema(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		try {
			jdbc.queryForList("SELECT ID FROM INFOBIP_SMTP_OUTBOX WHERE 1 = 0");
		}
		catch (DataAccessException ex) {
			// no table yet: the script creates it whole
			return;
		}
		OutboxTables.requireOperationsColumns(jdbc);
	}

	private static DatabaseDriver driver(DataSource dataSource) {
		try {
			return DatabaseDriver.fromProductName(
					JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			return DatabaseDriver.UNKNOWN;
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's database: its tables, how statements reach it, and the few clauses that
 * differ between the databases it runs on. Times are epoch milliseconds.
 */
final class OutboxDatabase {

	static final String TABLE = "INFOBIP_SMTP_OUTBOX";

	static final String SEEN_REPORTS_TABLE = "INFOBIP_SMTP_WEBHOOK_SEEN";

	static final String EARLY_REPORTS_TABLE = "INFOBIP_SMTP_EARLY_REPORTS";

	// joins the caller's transaction: an entry is enqueued with the business change
	final JdbcTemplate jdbc;

	// the outbox's own transactions, never the caller's
	final TransactionTemplate transactions;

	final Platform platform;

	OutboxDatabase(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.platform = Platform.of(dataSource);
	}

	/**
	 * Run an action once the caller's transaction committed, or at once without one.
	 */
	static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	static @Nullable String truncate(@Nullable String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length) : text;
	}

	/**
	 * What the outbox's statements need to know of the database.
	 */
	enum Platform {

		POSTGRESQL(" FOR UPDATE SKIP LOCKED", " FOR SHARE"),

		MYSQL(" FOR UPDATE SKIP LOCKED", " LOCK IN SHARE MODE"),

		H2(" FOR UPDATE SKIP LOCKED", ""),

		// claims stay exclusive through the conditional update: dispatchers then only
		// compete for the same candidates
		OTHER("", "");

		/**
		 * Locks the selected due rows without waiting for rows another dispatcher is
		 * claiming.
		 */
		final String lockDueRows;

		/**
		 * Reads the latest committed row, whatever the transaction's snapshot: the entry
		 * another transaction committed under the same key.
		 */
		final String readCommittedRow;

		Platform(String lockDueRows, String readCommittedRow) {
			this.lockDueRows = lockDueRows;
			this.readCommittedRow = readCommittedRow;
		}

		static Platform of(DataSource dataSource) {
			try {
				String product = JdbcUtils.extractDatabaseMetaData(dataSource,
						(metaData) -> metaData.getDatabaseProductName());
				return switch (product) {
					case "PostgreSQL" -> POSTGRESQL;
					case "MySQL", "MariaDB" -> MYSQL;
					case "H2" -> H2;
					default -> OTHER;
				};
			}
			catch (MetaDataAccessException ex) {
				return OTHER;
			}
		}

	}

}

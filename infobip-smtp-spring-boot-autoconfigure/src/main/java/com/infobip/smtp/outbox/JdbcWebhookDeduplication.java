/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import com.infobip.smtp.webhook.InfobipWebhookDeduplication;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes each webhook report once across every instance that shares the database: the
 * report's key is inserted under a unique key in a transaction that commits only once the
 * report was published. A duplicate delivered to another instance meanwhile waits on the
 * database's lock for that key, and publishes only if the first transaction rolled back;
 * the ledger's update, made by a listener in the same transaction, commits with the key.
 */
final class JdbcWebhookDeduplication implements InfobipWebhookDeduplication {

	static final String TABLE = "INFOBIP_SMTP_WEBHOOK_SEEN";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	JdbcWebhookDeduplication(DataSource dataSource, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@Override
	public boolean publishOnce(String key, Runnable publication) {
		Boolean published = this.transactions.execute((status) -> {
			try {
				this.jdbc.update("INSERT INTO " + TABLE + " (REPORT_KEY, SEEN_AT) VALUES (?, ?)", key,
						this.clock.millis());
			}
			catch (DuplicateKeyException ex) {
				status.setRollbackOnly();
				return false;
			}
			publication.run();
			return true;
		});
		return Boolean.TRUE.equals(published);
	}

}

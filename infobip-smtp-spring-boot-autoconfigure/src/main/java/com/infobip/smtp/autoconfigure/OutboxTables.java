/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks that the outbox's tables are those of the current scripts.
 */
final class OutboxTables {

	private OutboxTables() {
	}

	/**
	 * Fail, naming the upgrade script, if the tables lack what was added since the first
	 * scripts.
	 * @param jdbc the outbox's database
	 */
	static void requireOperationsColumns(JdbcTemplate jdbc) {
		try {
			jdbc.queryForList("SELECT ENQUEUE_KEY, SUBJECT, NOT_BEFORE, DUE_AT, LAST_REPLY_PHASE, LAST_REPLY_CODE,"
					+ " LAST_REPLY_ENHANCED, LAST_REPLY_TEXT FROM INFOBIP_SMTP_OUTBOX WHERE 1 = 0");
			jdbc.queryForList("SELECT QUEUE_ID FROM INFOBIP_SMTP_EARLY_REPORTS WHERE 1 = 0");
		}
		catch (DataAccessException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.outbox.enabled=true but the outbox's tables were created by an earlier script and lack what the outbox's operations need: "
							+ ex.getMostSpecificCause().getMessage(),
					"Upgrade them once, the application stopped, with com/infobip/smtp/outbox/upgrade-operations-<platform>.sql (or its statements in your migrations).");
		}
	}

}

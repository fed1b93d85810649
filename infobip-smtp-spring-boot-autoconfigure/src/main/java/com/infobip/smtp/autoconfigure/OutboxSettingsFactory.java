/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.outbox.JdbcInfobipMailOutbox;

/**
 * Builds the outbox from {@code infobip.smtp.outbox.*}, failing with what to set when a
 * value cannot work.
 */
final class OutboxSettingsFactory {

	private OutboxSettingsFactory() {
	}

	static JdbcInfobipMailOutbox create(DataSource dataSource, InfobipMailSender sender,
			InfobipSmtpProperties properties) {
		InfobipSmtpProperties.Outbox outbox = properties.getOutbox();
		if (outbox.getBackoffMultiplier() < 1) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.outbox.backoff-multiplier=" + outbox.getBackoffMultiplier() + " is less than 1.",
					"Set infobip.smtp.outbox.backoff-multiplier to 1 (constant backoff) or more, for instance 2.");
		}
		return JdbcInfobipMailOutbox.builder(dataSource, sender)
			.concurrency(SendingSettingsFactory.atLeastOne("outbox.concurrency", outbox.getConcurrency()))
			.batchSize(SendingSettingsFactory.atLeastOne("outbox.batch-size", outbox.getBatchSize()))
			.pollInterval(SendingSettingsFactory.positive("outbox.poll-interval", outbox.getPollInterval()))
			.claimTimeout(SendingSettingsFactory.positive("outbox.claim-timeout", outbox.getClaimTimeout()))
			.retry(SendingSettingsFactory.atLeastOne("outbox.max-attempts", outbox.getMaxAttempts()),
					SendingSettingsFactory.positive("outbox.initial-backoff", outbox.getInitialBackoff()),
					outbox.getBackoffMultiplier(),
					SendingSettingsFactory.positive("outbox.max-backoff", outbox.getMaxBackoff()))
			.retention(SendingSettingsFactory.positive("outbox.retention", outbox.getRetention()))
			.shutdownTimeout(SendingSettingsFactory.positive("shutdown-timeout", properties.getShutdownTimeout()))
			.build();
	}

}

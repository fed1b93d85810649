/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;

/**
 * Builds the outbox from {@code infobip.smtp.outbox.*}, failing with what to set when a
 * value cannot work.
 */
final class OutboxSettingsFactory {

	private OutboxSettingsFactory() {
	}

	static JdbcMailOutbox create(DataSource dataSource, InfobipMailSender sender, OutboxThreads threads,
			InfobipSmtpOutboxProperties outbox, InfobipSmtpProperties properties) {
		Duration initialBackoff = SendingSettingsFactory.positive("outbox.initial-backoff", outbox.getInitialBackoff());
		Duration maxBackoff = SendingSettingsFactory.positive("outbox.max-backoff", outbox.getMaxBackoff());
		double multiplier = outbox.getBackoffMultiplier();
		if (Double.isNaN(multiplier) || multiplier < 1) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.outbox.backoff-multiplier=" + multiplier
							+ (Double.isNaN(multiplier) ? " is not a number." : " is less than 1."),
					"Set infobip.smtp.outbox.backoff-multiplier to 1 (constant backoff) or more, for instance 2.");
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.outbox.max-backoff=" + maxBackoff
							+ " is shorter than infobip.smtp.outbox.initial-backoff=" + initialBackoff + ".",
					"Set infobip.smtp.outbox.max-backoff to at least infobip.smtp.outbox.initial-backoff.");
		}
		return JdbcMailOutbox.builder(dataSource, sender, threads.executor(), threads.scheduler())
			.concurrency(SendingSettingsFactory.atLeastOne("outbox.concurrency", outbox.getConcurrency()))
			.batchSize(SendingSettingsFactory.atLeastOne("outbox.batch-size", outbox.getBatchSize()))
			.pollInterval(SendingSettingsFactory.positive("outbox.poll-interval", outbox.getPollInterval()))
			.claimTimeout(SendingSettingsFactory.positive("outbox.claim-timeout", outbox.getClaimTimeout()))
			.retry(SendingSettingsFactory.atLeastOne("outbox.max-attempts", outbox.getMaxAttempts()), initialBackoff,
					multiplier, maxBackoff)
			.retention(SendingSettingsFactory.positive("outbox.retention", outbox.getRetention()))
			.shutdownTimeout(SendingSettingsFactory.positive("shutdown-timeout", properties.getShutdownTimeout()))
			.build();
	}

}

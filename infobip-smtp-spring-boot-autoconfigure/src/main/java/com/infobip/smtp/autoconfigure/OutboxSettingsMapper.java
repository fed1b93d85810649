/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Builds the outbox from {@code infobip.smtp.outbox.*}, failing with what to set when a
 * value cannot work.
 */
final class OutboxSettingsMapper {

	private OutboxSettingsMapper() {
	}

	static JdbcMailOutbox create(DataSource dataSource, InfobipMailSender sender, OutboxThreads threads,
			InfobipSmtpOutboxProperties outbox, InfobipSmtpProperties properties,
			ApplicationEventPublisher eventPublisher) {
		Duration initialBackoff = outbox.getInitialBackoff();
		Duration maxBackoff = outbox.getMaxBackoff();
		double multiplier = outbox.getBackoffMultiplier();
		PropertyChecks.backOff("outbox.initial-backoff", initialBackoff, "outbox.backoff-multiplier", multiplier,
				"outbox.max-backoff", maxBackoff);
		return JdbcMailOutbox.builder(dataSource, sender, threads.executor(), threads.scheduler())
			.concurrency(PropertyChecks.atLeastOne("outbox.concurrency", outbox.getConcurrency()))
			// one entry being sent per connection: a dead instance leaves that many
			// UNKNOWN
			.maxSending(properties.getPool().isEnabled() ? properties.getPool().getMaxConnections() : Integer.MAX_VALUE)
			.batchSize(PropertyChecks.atLeastOne("outbox.batch-size", outbox.getBatchSize()))
			.pollInterval(PropertyChecks.positive("outbox.poll-interval", outbox.getPollInterval()))
			.claimTimeout(PropertyChecks.positive("outbox.claim-timeout", outbox.getClaimTimeout()))
			.retry(PropertyChecks.atLeastOne("outbox.max-attempts", outbox.getMaxAttempts()), initialBackoff,
					multiplier, maxBackoff)
			.retention(PropertyChecks.positive("outbox.retention", outbox.getRetention()))
			.shutdownTimeout(PropertyChecks.positive("shutdown-timeout", properties.getShutdownTimeout()))
			.eventPublisher(eventPublisher)
			.build();
	}

}

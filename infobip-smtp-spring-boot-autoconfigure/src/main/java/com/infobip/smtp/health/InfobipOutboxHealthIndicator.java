/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Checks that the outbox is sent: DOWN when its oldest entry not sent yet has waited
 * longer than the given maximum (the relay refuses or cannot be reached, or no instance
 * dispatches), or when the database cannot be read. Details: {@code entries} by status,
 * {@code oldestPendingAge} and {@code maxPendingAge}. As the outbox is shared, every
 * instance on the same database reports the same.
 *
 * @since 0.1.0
 */
public class InfobipOutboxHealthIndicator extends AbstractHealthIndicator {

	private final InfobipMailOutbox outbox;

	private final Duration maxPendingAge;

	/**
	 * Create an indicator.
	 * @param outbox the outbox
	 * @param maxPendingAge the age of the oldest entry not sent yet beyond which the
	 * outbox is DOWN
	 */
	public InfobipOutboxHealthIndicator(InfobipMailOutbox outbox, Duration maxPendingAge) {
		super("Infobip SMTP outbox health check failed");
		this.outbox = outbox;
		this.maxPendingAge = maxPendingAge;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Map<InfobipOutboxStatus, Long> counts = this.outbox.countByStatus();
		Map<String, Long> entries = new LinkedHashMap<>();
		for (InfobipOutboxStatus status : InfobipOutboxStatus.values()) {
			entries.put(status.name().toLowerCase(Locale.ROOT), counts.getOrDefault(status, 0L));
		}
		Duration age = this.outbox.oldestPendingAge().orElse(Duration.ZERO);
		builder.withDetail("entries", entries)
			.withDetail("oldestPendingAge", age.toString())
			.withDetail("maxPendingAge", this.maxPendingAge.toString());
		if (age.compareTo(this.maxPendingAge) > 0) {
			builder.down()
				.withDetail("reason", "The oldest entry not sent yet has waited " + age
						+ ", longer than the maximum pending age " + this.maxPendingAge);
		}
		else {
			builder.up();
		}
	}

}

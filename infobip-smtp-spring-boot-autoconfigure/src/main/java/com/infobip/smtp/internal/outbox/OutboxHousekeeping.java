/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The outbox's housekeeping: resolves the entries other instances left behind and applies
 * the delivery reports kept until their entry's queue id was recorded, once per poll
 * interval, forgets delivery reports kept for a queue id no entry will have, once per
 * claim timeout, and deletes what outlived the retention, once an hour. Each dispatcher
 * asks for it before it claims; whichever comes first when one is due runs it.
 */
final class OutboxHousekeeping {

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.LOG_CATEGORY);

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	private final OutboxStore store;

	private final OutboxSettings settings;

	private final Clock clock;

	private final AtomicLong nextRecovery = new AtomicLong();

	private final AtomicLong nextPurge = new AtomicLong();

	private final AtomicLong nextKeptPurge = new AtomicLong();

	private final OutboxReports reports;

	private final Consumer<String> unknown;

	/**
	 * Create the housekeeping.
	 * @param unknown told the id of every entry it resolved as {@code UNKNOWN}
	 */
	OutboxHousekeeping(OutboxStore store, OutboxReports reports, OutboxSettings settings, Clock clock,
			Consumer<String> unknown) {
		this.store = store;
		this.reports = reports;
		this.settings = settings;
		this.clock = clock;
		this.unknown = unknown;
	}

	/**
	 * Resolve entries other instances left behind, once per poll interval, and delete
	 * what outlived the retention, once an hour, on whichever dispatcher comes first.
	 */
	void maintain() {
		Instant now = this.clock.instant();
		if (due(this.nextRecovery, now, this.settings.pollInterval())) {
			List<String> resolved = this.store.expireSendingClaims(now);
			if (!resolved.isEmpty()) {
				int count = resolved.size();
				logger.warn(count + " outbox entr" + ((count == 1) ? "y was" : "ies were")
						+ " being sent by an instance that stopped before recording the relay's answer; marked UNKNOWN, not sent again: "
						+ resolved);
				resolved.forEach(this.unknown);
			}
			this.reports.applyKeptReports();
		}
		if (due(this.nextKeptPurge, now, this.settings.claimTimeout())) {
			this.reports.purgeKept(now.minus(keptReportsLife()));
		}
		if (due(this.nextPurge, now, PURGE_INTERVAL)) {
			Instant before = now.minus(this.settings.retention());
			this.store.purge(before);
			this.reports.purge(before, now.minus(keptReportsLife()));
		}
	}

	/**
	 * How long a report for a queue id no entry has is kept: an entry's outcome is
	 * recorded within its claim timeout of the relay's answer, or never.
	 */
	private Duration keptReportsLife() {
		return this.settings.claimTimeout().multipliedBy(2);
	}

	private static boolean due(AtomicLong next, Instant now, Duration interval) {
		long at = next.get();
		return now.toEpochMilli() >= at && next.compareAndSet(at, now.toEpochMilli() + interval.toMillis());
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The outbox's housekeeping: resolves the entries other instances left behind, once per
 * poll interval, and deletes what outlived the retention, once an hour. Each dispatcher
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

	OutboxHousekeeping(OutboxStore store, OutboxSettings settings, Clock clock) {
		this.store = store;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Resolve entries other instances left behind, once per poll interval, and delete
	 * what outlived the retention, once an hour, on whichever dispatcher comes first.
	 */
	void maintain() {
		Instant now = this.clock.instant();
		if (due(this.nextRecovery, now, this.settings.pollInterval())) {
			int unknown = this.store.expireSendingClaims(now);
			if (unknown > 0) {
				logger.warn(unknown + " outbox entr" + ((unknown == 1) ? "y was" : "ies were")
						+ " being sent by an instance that stopped before recording the relay's answer; marked UNKNOWN, not sent again");
			}
		}
		if (due(this.nextPurge, now, PURGE_INTERVAL)) {
			this.store.purge(now.minus(this.settings.retention()));
		}
	}

	private static boolean due(AtomicLong next, Instant now, Duration interval) {
		long at = next.get();
		return now.toEpochMilli() >= at && next.compareAndSet(at, now.toEpochMilli() + interval.toMillis());
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the outbox: the gauges {@value #ENTRIES_METER_NAME} (tag {@code status}) and
 * {@value #OLDEST_PENDING_AGE_METER_NAME} (zero when none waits), read from the database
 * and so the same on every instance that shares it, and the counter
 * {@value #DISPATCHED_METER_NAME} (tag {@code outcome}: {@code sent}, {@code failed},
 * {@code unknown}, or {@code retried} for an attempt that will be repeated) of what this
 * instance's dispatchers did. The gauges share one reading of the database, kept for a
 * while so that a scrape does not query it once per gauge; while the database cannot be
 * read they are NaN.
 *
 * @since 0.1.0
 */
public class InfobipOutboxMetrics implements MeterBinder {

	/** Name of the entries gauge. */
	public static final String ENTRIES_METER_NAME = "infobip.smtp.outbox.entries";

	/** Name of the oldest pending entry's age gauge. */
	public static final String OLDEST_PENDING_AGE_METER_NAME = "infobip.smtp.outbox.oldest.pending.age";

	/** Name of the dispatched entries counter. */
	public static final String DISPATCHED_METER_NAME = "infobip.smtp.outbox.dispatched";

	private static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(InfobipOutboxMetrics.class);

	private final InfobipMailOutbox outbox;

	private final ToLongFunction<InfobipOutboxStatus> dispatched;

	private final Duration timeToLive;

	private final Clock clock;

	private @Nullable Reading reading;

	/**
	 * Create meters for the given outbox, reading the database at most every 5 seconds.
	 * @param outbox the outbox
	 * @param dispatched how many entries this instance's dispatchers brought to a status
	 * since it started: {@code SENT}, {@code FAILED}, {@code UNKNOWN}, or {@code PENDING}
	 * for an attempt that will be repeated
	 */
	public InfobipOutboxMetrics(InfobipMailOutbox outbox, ToLongFunction<InfobipOutboxStatus> dispatched) {
		this(outbox, dispatched, DEFAULT_TIME_TO_LIVE, Clock.systemUTC());
	}

	/**
	 * Create meters for the given outbox.
	 * @param outbox the outbox
	 * @param dispatched how many entries this instance's dispatchers brought to a status
	 * since it started: {@code SENT}, {@code FAILED}, {@code UNKNOWN}, or {@code PENDING}
	 * for an attempt that will be repeated
	 * @param timeToLive how long a reading of the database is used
	 * @param clock the clock that times the reading
	 */
	public InfobipOutboxMetrics(InfobipMailOutbox outbox, ToLongFunction<InfobipOutboxStatus> dispatched,
			Duration timeToLive, Clock clock) {
		this.outbox = outbox;
		this.dispatched = dispatched;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (InfobipOutboxStatus status : InfobipOutboxStatus.values()) {
			Gauge.builder(ENTRIES_METER_NAME, this, (metrics) -> metrics.read().count(status))
				.description("Entries in the Infobip SMTP outbox, by status, in the database all instances share")
				.baseUnit("entries")
				.tag("status", status.name().toLowerCase(Locale.ROOT))
				.strongReference(true)
				.register(registry);
		}
		TimeGauge
			.builder(OLDEST_PENDING_AGE_METER_NAME, this, TimeUnit.MILLISECONDS,
					(metrics) -> metrics.read().oldestPendingAgeMillis())
			.description("How long the oldest Infobip SMTP outbox entry not sent yet has waited, zero when none waits")
			.strongReference(true)
			.register(registry);
		dispatched(registry, InfobipOutboxStatus.SENT, "sent");
		dispatched(registry, InfobipOutboxStatus.FAILED, "failed");
		dispatched(registry, InfobipOutboxStatus.UNKNOWN, "unknown");
		dispatched(registry, InfobipOutboxStatus.PENDING, "retried");
	}

	private void dispatched(MeterRegistry registry, InfobipOutboxStatus status, String outcome) {
		ToLongFunction<InfobipOutboxStatus> dispatched = this.dispatched;
		// the counter holds the outbox weakly, as before, and its function strongly
		FunctionCounter.builder(DISPATCHED_METER_NAME, this.outbox, (outbox) -> dispatched.applyAsLong(status))
			.description("Infobip SMTP outbox entries this instance's dispatchers sent, failed, lost the answer for"
					+ " (unknown), or scheduled again (retried)")
			.baseUnit("entries")
			.tag("outcome", outcome)
			.register(registry);
	}

	private synchronized Reading read() {
		Instant now = this.clock.instant();
		Reading current = this.reading;
		if (current != null && now.isBefore(current.expires())) {
			return current;
		}
		// a failed reading is kept as well, so that a database that hangs is not
		// queried once per gauge
		Reading next = query(now.plus(this.timeToLive));
		this.reading = next;
		return next;
	}

	private Reading query(Instant expires) {
		try {
			Map<InfobipOutboxStatus, Long> counts = this.outbox.countByStatus();
			double age = this.outbox.oldestPendingAge().map(Duration::toMillis).orElse(0L);
			return new Reading(counts, age, expires);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the Infobip SMTP outbox for its gauges", ex);
			return new Reading(null, Double.NaN, expires);
		}
	}

	private record Reading(@Nullable Map<InfobipOutboxStatus, Long> counts, double oldestPendingAgeMillis,
			Instant expires) {

		double count(InfobipOutboxStatus status) {
			if (this.counts == null) {
				return Double.NaN;
			}
			Long count = this.counts.get(status);
			return (count != null) ? count : 0;
		}

	}

}

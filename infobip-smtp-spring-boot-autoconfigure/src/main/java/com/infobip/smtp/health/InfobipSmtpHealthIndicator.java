/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.infobip.smtp.ConnectionUsage;
import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.internal.transport.SmtpConnector;
import com.infobip.smtp.internal.transport.SmtpFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Checks that the relay can be reached, secured and authenticated with: connect, EHLO,
 * TLS or STARTTLS, AUTH, QUIT. The result is kept for a while so that frequent probes do
 * not each open a connection to the relay. A relay that refuses the probe's connection
 * with a 4xx greeting (421) while the sender has connections open is at its cap on open
 * connections, not down: that is UP, with the reply in the detail
 * {@code connectionLimit}.
 *
 * @since 0.1.0
 */
public class InfobipSmtpHealthIndicator implements HealthIndicator {

	private final SmtpConnector connector;

	private final String region;

	private final Duration timeToLive;

	private final Clock clock;

	private final Supplier<ConnectionUsage> senderConnections;

	private @Nullable CachedHealth cached;

	/**
	 * Create an indicator that knows the sender's connections.
	 * @param settings where and how to connect, with the short timeouts of a probe
	 * @param region the region whose relay is used, shown in the details
	 * @param timeToLive how long a result is kept
	 * @param clock the clock that times the cache
	 * @param senderConnections the sender's connection usage, such as
	 * {@code InfobipMailSender::getConnectionUsage}
	 * @since 0.1.0
	 */
	public InfobipSmtpHealthIndicator(SmtpConnectionSettings settings, String region, Duration timeToLive, Clock clock,
			Supplier<ConnectionUsage> senderConnections) {
		this.connector = new SmtpConnector(settings);
		this.region = region;
		this.timeToLive = timeToLive;
		this.clock = clock;
		this.senderConnections = senderConnections;
	}

	@Override
	public synchronized Health health() {
		Instant now = this.clock.instant();
		CachedHealth current = this.cached;
		if (current != null && now.isBefore(current.expires())) {
			return current.health();
		}
		Health health = probe();
		this.cached = new CachedHealth(health, now.plus(this.timeToLive));
		return health;
	}

	private Health probe() {
		SmtpConnectionSettings settings = this.connector.getSettings();
		Health.Builder builder = Health.unknown()
			.withDetail("region", this.region)
			.withDetail("host", settings.host())
			.withDetail("port", settings.port())
			.withDetail("security", settings.security().name());
		long start = System.nanoTime();
		try {
			this.connector.connect().close();
			builder.up();
		}
		catch (SmtpFailure ex) {
			int open = this.senderConnections.get().open();
			if (ex.isRefusedGreeting() && open > 0) {
				builder.up()
					.withDetail("connectionLimit", "the relay refused one more connection (" + ex.getReply().text()
							+ ") while the sender had " + open + " open");
			}
			else {
				builder.down(ex);
			}
		}
		catch (Exception ex) {
			builder.down(ex);
		}
		return builder.withDetail("latency", Duration.ofNanos(System.nanoTime() - start).toMillis() + "ms").build();
	}

	private record CachedHealth(Health health, Instant expires) {
	}

}

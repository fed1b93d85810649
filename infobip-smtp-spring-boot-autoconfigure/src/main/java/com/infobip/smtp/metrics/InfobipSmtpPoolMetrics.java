/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.metrics;

import com.infobip.smtp.InfobipMailSender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of the sender's connections: {@code infobip.smtp.pool.open},
 * {@code infobip.smtp.pool.idle} and {@code infobip.smtp.pool.waiting} (threads waiting
 * for a connection).
 *
 * @since 0.1.0
 */
public class InfobipSmtpPoolMetrics implements MeterBinder {

	private final InfobipMailSender sender;

	private final String region;

	/**
	 * Create gauges for the given sender.
	 * @param sender the sender
	 */
	public InfobipSmtpPoolMetrics(InfobipMailSender sender) {
		this.sender = sender;
		this.region = sender.getRegion();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("infobip.smtp.pool.open", this.sender, (sender) -> sender.getConnectionUsage().open())
			.description("Open connections to the Infobip SMTP relay, idle or in use")
			.tag("region", this.region)
			.register(registry);
		Gauge.builder("infobip.smtp.pool.idle", this.sender, (sender) -> sender.getConnectionUsage().idle())
			.description("Open connections to the Infobip SMTP relay not in use")
			.tag("region", this.region)
			.register(registry);
		Gauge.builder("infobip.smtp.pool.waiting", this.sender, (sender) -> sender.getConnectionUsage().waiting())
			.description("Threads waiting for a connection to the Infobip SMTP relay")
			.tag("region", this.region)
			.register(registry);
	}

}

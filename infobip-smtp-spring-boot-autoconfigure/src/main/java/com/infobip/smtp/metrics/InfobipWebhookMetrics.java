/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.metrics;

import java.util.Locale;

import com.infobip.smtp.webhook.InfobipDeliveryReportEvent;
import com.infobip.smtp.webhook.InfobipTrackingEvent;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Counts the webhook reports published: {@code infobip.smtp.webhook.delivery-reports} by
 * {@code status_group} and {@code infobip.smtp.webhook.tracking-events} by {@code type}.
 * Duplicates that were not published again are not counted.
 *
 * @since 0.1.0
 */
public class InfobipWebhookMetrics implements ApplicationListener<ApplicationEvent> {

	private final MeterRegistry registry;

	/**
	 * Create a listener recording into the given registry.
	 * @param registry the registry
	 */
	public InfobipWebhookMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof InfobipDeliveryReportEvent report) {
			this.registry
				.counter("infobip.smtp.webhook.delivery-reports", "status_group",
						report.getStatusGroup().name().toLowerCase(Locale.ROOT))
				.increment();
		}
		else if (event instanceof InfobipTrackingEvent tracking) {
			this.registry
				.counter("infobip.smtp.webhook.tracking-events", "type",
						tracking.getType().name().toLowerCase(Locale.ROOT))
				.increment();
		}
	}

}

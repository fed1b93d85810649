/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.metrics;

import java.util.Locale;

import com.infobip.smtp.webhook.InfobipDeliveryReportEvent;
import com.infobip.smtp.webhook.InfobipTrackingEvent;
import com.infobip.smtp.webhook.InfobipWebhookHandler;
import com.infobip.smtp.webhook.InfobipWebhookPublicationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the webhook reports that {@link InfobipWebhookHandler} published:
 * {@value #DELIVERY_REPORTS_METER_NAME} by {@code status.group} and
 * {@value #TRACKING_EVENTS_METER_NAME} by {@code type}. A report is counted once, when
 * its listeners succeeded: not again for a duplicate, nor for an attempt whose listener
 * failed. Events the application publishes itself are not counted.
 *
 * @since 0.1.0
 */
public class InfobipWebhookMetrics implements InfobipWebhookPublicationListener {

	/** Name of the delivery reports counter. */
	public static final String DELIVERY_REPORTS_METER_NAME = "infobip.smtp.webhook.delivery.reports";

	/** Name of the tracking events counter. */
	public static final String TRACKING_EVENTS_METER_NAME = "infobip.smtp.webhook.tracking.events";

	private final MeterRegistry registry;

	/**
	 * Create metrics recording into the given registry.
	 * @param registry the registry
	 */
	public InfobipWebhookMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void deliveryReportPublished(InfobipDeliveryReportEvent event) {
		Counter.builder(DELIVERY_REPORTS_METER_NAME)
			.description("Infobip delivery reports received and published, by status group")
			.tag("status.group", event.getStatusGroup().name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	@Override
	public void trackingEventPublished(InfobipTrackingEvent event) {
		Counter.builder(TRACKING_EVENTS_METER_NAME)
			.description("Infobip tracking notifications received and published, by type")
			.tag("type", event.getType().name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

}

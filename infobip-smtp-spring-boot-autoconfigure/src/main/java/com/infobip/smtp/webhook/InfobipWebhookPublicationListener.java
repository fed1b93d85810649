/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

/**
 * Told by {@link InfobipWebhookHandler} about each report it published and whose
 * listeners all succeeded, once per report: not for a duplicate answered without being
 * published, nor for an attempt whose listener failed. Events the application publishes
 * itself never reach it. Metrics use it to count what Infobip delivered.
 *
 * @since 0.1.0
 */
public interface InfobipWebhookPublicationListener {

	/**
	 * Called after a delivery report was published.
	 * @param event the published event
	 */
	default void deliveryReportPublished(InfobipDeliveryReportEvent event) {
	}

	/**
	 * Called after a tracking notification was published.
	 * @param event the published event
	 */
	default void trackingEventPublished(InfobipTrackingEvent event) {
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.sample.Orders.OrderView;
import com.infobip.smtp.webhook.InfobipDeliveryReportEvent;
import com.infobip.smtp.webhook.InfobipTrackingEvent;
import com.infobip.smtp.webhook.InfobipWebhookPublicationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Logs what the outbox's ledger knows of an order's confirmation each time a report on it
 * came back. As a publication listener it is told once every listener of the report, the
 * ledger's update included, has run.
 */
@Component
class OrderConfirmationLog implements InfobipWebhookPublicationListener {

	private static final Log logger = LogFactory.getLog(OrderConfirmationLog.class);

	private final Orders orders;

	OrderConfirmationLog(Orders orders) {
		this.orders = orders;
	}

	@Override
	public void deliveryReportPublished(InfobipDeliveryReportEvent event) {
		log(event.getReport().callbackData());
	}

	@Override
	public void trackingEventPublished(InfobipTrackingEvent event) {
		log(event.getNotification().callbackData());
	}

	private void log(@Nullable String callbackData) {
		this.orders.findByCallbackData(callbackData).ifPresent((order) -> logger.info(describe(order)));
	}

	private static String describe(OrderView order) {
		InfobipOutboxEntry entry = order.confirmation();
		String ledger = (entry != null) ? entry.status() + messageId(entry) + ", delivery "
				+ orNone(entry.deliveryStatus(), "not reported") + ", tracking " + orNone(entry.trackingEvent(), "none")
				: "no longer in the ledger";
		return "Ledger of order " + order.reference() + ": confirmation " + ledger;
	}

	private static String messageId(InfobipOutboxEntry entry) {
		return (entry.messageId() != null) ? " as " + entry.messageId() : "";
	}

	private static String orNone(@Nullable String value, String none) {
		return (value != null) ? value : none;
	}

}

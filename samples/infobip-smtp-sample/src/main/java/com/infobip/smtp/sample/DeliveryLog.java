/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.infobip.smtp.webhook.InfobipDeliveryReportEvent;
import com.infobip.smtp.webhook.InfobipTrackingEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Matches delivery reports and tracking events to the messages sent, and logs them.
 */
@Component
class DeliveryLog {

	private static final Log logger = LogFactory.getLog(DeliveryLog.class);

	private final SentMessages sentMessages;

	private final List<String> matched = new CopyOnWriteArrayList<>();

	DeliveryLog(SentMessages sentMessages) {
		this.sentMessages = sentMessages;
	}

	@EventListener
	void onDeliveryReport(InfobipDeliveryReportEvent event) {
		log("Delivery report", event.getMessageId(), event.getBulkId(), event.getStatusGroup().name());
	}

	@EventListener
	void onTracking(InfobipTrackingEvent event) {
		log("Tracking event", event.getMessageId(), event.getNotification().bulkId(), event.getType().name());
	}

	List<String> matched() {
		return List.copyOf(this.matched);
	}

	private void log(String kind, @Nullable String messageId, @Nullable String bulkId, String what) {
		String subject = this.sentMessages.subjectOf(messageId, bulkId);
		String line = kind + " " + what + " for message " + messageId + " (bulk " + bulkId + ")"
				+ ((subject != null) ? ": matches sent message '" + subject + "'" : ": matches no message sent here");
		if (subject != null) {
			this.matched.add(line);
		}
		logger.info(line);
	}

}

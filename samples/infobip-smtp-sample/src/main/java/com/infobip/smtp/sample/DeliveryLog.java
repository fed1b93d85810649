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
		String line = kind + " " + what + " for " + describe(messageId, bulkId)
				+ ((subject != null) ? ": matches sent message '" + subject + "'" : ": matches no message sent here");
		if (subject != null) {
			this.matched.add(line);
		}
		logger.info(line);
	}

	private static String describe(@Nullable String messageId, @Nullable String bulkId) {
		if (messageId == null && bulkId == null) {
			return "a message without id or bulk id";
		}
		return ((messageId != null) ? "message " + escape(messageId) : "a message without id")
				+ ((bulkId != null) ? " (bulk " + escape(bulkId) + ")" : "");
	}

	/**
	 * The ids come from whoever posted the report: escape line breaks and other control
	 * characters, so that an id cannot end the log line and forge the next one.
	 */
	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '\r' -> escaped.append("\\r");
				case '\n' -> escaped.append("\\n");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}

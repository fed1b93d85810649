/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.infobip.smtp.webhook.InfobipDeliveryReportEvent;
import com.infobip.smtp.webhook.InfobipTrackingEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * An application as a user would write it: the starter, its application.yml and listeners
 * for the webhook's events.
 */
@SpringBootApplication
class RelayTestApplication {

	@Bean
	Events events() {
		return new Events();
	}

	static class Events {

		final List<InfobipDeliveryReportEvent> reports = new CopyOnWriteArrayList<>();

		final List<InfobipTrackingEvent> tracking = new CopyOnWriteArrayList<>();

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) {
			this.reports.add(event);
		}

		@EventListener
		void onTracking(InfobipTrackingEvent event) {
			this.tracking.add(event);
		}

		void clear() {
			this.reports.clear();
			this.tracking.clear();
		}

	}

}

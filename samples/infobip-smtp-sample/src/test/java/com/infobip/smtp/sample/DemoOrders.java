/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Plays a shop's part once the offline application is ready: posts an order to
 * {@code POST /orders}, which commits it with its confirmation mail enqueued, then the
 * same order again, which the database refuses (its reference is taken), so that its
 * transaction, and the confirmation it enqueued, are rolled back.
 */
class DemoOrders implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(DemoOrders.class);

	private static final String ORDER = """
			{"reference": "A-1001", "to": "customer@example.com", "item": "Coffee beans, 1 kg", "quantity": 2}""";

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		RestClient http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"))
			.defaultHeader("X-Sample-Token", environment.getProperty("sample.send-token", ""))
			.build();
		for (int i = 0; i < 2; i++) {
			try {
				String answer = http.post()
					.uri("/orders")
					.contentType(MediaType.APPLICATION_JSON)
					.body(ORDER)
					.retrieve()
					.body(String.class);
				logger.info("Demo shop POST /orders: " + answer);
			}
			catch (RestClientResponseException ex) {
				logger.info("Demo shop POST /orders: HTTP " + ex.getStatusCode().value() + " "
						+ ex.getResponseBodyAsString());
			}
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for a native image: Jackson binds webhook bodies to the records of
 * {@link WebhookPayloads} by reflection. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class WebhookRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				WebhookPayloads.DeliveryReports.class, WebhookPayloads.XmlDeliveryReports.class,
				WebhookPayloads.Tracking.class);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Jackson binds webhook bodies to by reflection is registered for native images,
 * through the registrar Spring's AOT processing finds.
 */
class WebhookRuntimeHintsTests {

	@Test
	void everyTypeABodyIsBoundToIsRegisteredThroughAotFactories() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		for (Class<? extends Record> type : List.of(WebhookPayloads.DeliveryReports.class,
				WebhookPayloads.XmlDeliveryReports.class, WebhookPayloads.XmlDeliveryReports.Results.class,
				WebhookPayloads.Result.class, WebhookPayloads.Price.class, WebhookPayloads.Status.class,
				WebhookPayloads.ReportError.class, WebhookPayloads.Tracking.class,
				TrackingNotification.RecipientInfo.class, TrackingNotification.GeoLocation.class)) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(type.getName()).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructors()[0]))
				.as(type.getName())
				.accepts(hints);
		}
	}

}

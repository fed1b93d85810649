/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.health.InfobipSmtpHealthIndicator;
import com.infobip.smtp.testsupport.SenderContextRunners;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code region} tag and health detail name the relay really used: the region whose
 * host {@code infobip.smtp.host} names, or {@code custom} for any other host.
 */
class RegionTagTests {

	@ParameterizedTest
	@CsvSource({ "USA, '', usa", "FRANKFURT, smtp-api-us.infobip.com, usa", "USA, SMTP-API-EU.infobip.com, eu",
			"FRANKFURT, relay.local, custom", "MENA, 127.0.0.1, custom" })
	void regionTagNamesTheRelayReallyUsed(String region, String host, String tag) {
		SenderContextRunners.withMetrics()
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.region=" + region, "infobip.smtp.host=" + host,
					"infobip.smtp.port=587")
			.run((context) -> {
				SimpleMailMessage noRecipient = new SimpleMailMessage();
				noRecipient.setFrom("shop@example.com");
				assertThatExceptionOfType(InvalidMessageException.class)
					.isThrownBy(() -> context.getBean(InfobipMailSender.class).send(noRecipient));
				assertThat(regionTag(context)).isEqualTo(tag);
			});
	}

	@Test
	void poolGaugesAndSendTimerNameTheSameRegionWhenAHostIsSet() {
		SenderContextRunners.withMetrics()
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.region=FRANKFURT",
					"infobip.smtp.host=relay.local", "infobip.smtp.port=587")
			.run((context) -> {
				SimpleMailMessage noRecipient = new SimpleMailMessage();
				noRecipient.setFrom("shop@example.com");
				assertThatExceptionOfType(InvalidMessageException.class)
					.isThrownBy(() -> context.getBean(InfobipMailSender.class).send(noRecipient));
				assertThat(regionTag(context)).isEqualTo("custom");
				assertThat(context.getBean(MeterRegistry.class).get("infobip.smtp.pool.open").meters()).isNotEmpty()
					.allSatisfy((meter) -> assertThat(meter.getId().getTag("region")).isEqualTo("custom"));
			});
	}

	@Test
	void healthDetailNamesTheRelayReallyUsed() {
		// nothing listens on port 1: the probe fails at once, with its details
		SenderContextRunners.withMetrics()
			.withConfiguration(AutoConfigurations.of(InfobipSmtpHealthContributorAutoConfiguration.class))
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.host=127.0.0.1", "infobip.smtp.port=1",
					"infobip.smtp.health.timeout=1s")
			.run((context) -> {
				Health health = context.getBean(InfobipSmtpHealthIndicator.class).health(true);
				assertThat(health.getDetails()).containsEntry("region", "custom").containsEntry("host", "127.0.0.1");
			});
	}

	private static String regionTag(AssertableApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.get("infobip.smtp.send")
			.tag("outcome", "invalid")
			.timer()
			.getId()
			.getTag("region");
	}

}

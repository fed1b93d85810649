/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.metrics.InfobipOutboxMetrics;
import com.infobip.smtp.metrics.InfobipSmtpMeterHandler;
import com.infobip.smtp.metrics.InfobipWebhookMetrics;
import com.infobip.smtp.testsupport.OutboxContexts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class InfobipSmtpMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(InfobipSmtpAutoConfiguration.class, InfobipSmtpMetricsAutoConfiguration.class))
		.withPropertyValues("infobip.smtp.api-key=k");

	private final ApplicationContextRunner withMeterRegistry = this.contextRunner
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void registersRecipientsHandlerWhenThereIsAMeterRegistry() {
		this.withMeterRegistry.run((context) -> {
			assertThat(context).hasSingleBean(MeterRegistry.class);
			assertThat(context).hasSingleBean(InfobipSmtpMeterHandler.class);
		});
	}

	@Test
	void countsWebhookReportsOnlyWithTheWebhookEnabled() {
		this.withMeterRegistry.run((context) -> assertThat(context).doesNotHaveBean(InfobipWebhookMetrics.class));
		this.withMeterRegistry.withPropertyValues("infobip.smtp.webhook.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(InfobipWebhookMetrics.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(InfobipSmtpMeterHandler.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipSmtpMeterHandler.class);
		});
	}

	@Test
	void backsOffWhenTheStarterIsDisabled() {
		this.withMeterRegistry.withPropertyValues("infobip.smtp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InfobipSmtpMeterHandler.class));
	}

	@Test
	void registersOutboxMetersWithTheJdbcOutbox() {
		OutboxContexts.withOutbox()
			.withConfiguration(
					AutoConfigurations.of(InfobipSmtpMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
							CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues(OutboxContexts.unreachableRelay())
			.run((context) -> {
				assertThat(context).hasSingleBean(InfobipOutboxMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(
						registry.get(InfobipOutboxMetrics.ENTRIES_METER_NAME).tag("status", "pending").gauge().value())
					.isZero();
				assertThat(registry.get(InfobipOutboxMetrics.OLDEST_PENDING_AGE_METER_NAME).timeGauge().value())
					.isZero();
				assertThat(registry.get(InfobipOutboxMetrics.DISPATCHED_METER_NAME).functionCounters()).hasSize(4);
			});
	}

	@Test
	void registersNoOutboxMetersWithoutTheOutbox() {
		this.withMeterRegistry.run((context) -> {
			assertThat(context).doesNotHaveBean(InfobipOutboxMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find(InfobipOutboxMetrics.ENTRIES_METER_NAME).gauges())
				.isEmpty();
		});
	}

	@Test
	void startsWithoutSpringJdbc() {
		this.withMeterRegistry.withClassLoader(new FilteredClassLoader("org.springframework.jdbc")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(InfobipSmtpMeterHandler.class);
			assertThat(context).doesNotHaveBean(InfobipOutboxMetrics.class);
		});
	}

}

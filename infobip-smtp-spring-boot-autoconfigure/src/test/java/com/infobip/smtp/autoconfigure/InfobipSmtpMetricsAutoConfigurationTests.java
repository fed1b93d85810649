/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.metrics.InfobipSmtpMeterHandler;
import com.infobip.smtp.metrics.InfobipWebhookMetrics;
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

}

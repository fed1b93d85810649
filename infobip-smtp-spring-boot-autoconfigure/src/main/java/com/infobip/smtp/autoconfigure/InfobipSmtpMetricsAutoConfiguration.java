/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.metrics.InfobipOutboxMetrics;
import com.infobip.smtp.metrics.InfobipSmtpMeterHandler;
import com.infobip.smtp.metrics.InfobipSmtpPoolMetrics;
import com.infobip.smtp.metrics.InfobipWebhookMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for Infobip SMTP metrics. The {@code infobip.smtp.send} timer comes
 * from the send observation through the application's ObservationRegistry; this adds the
 * {@code infobip.smtp.recipients} and {@code infobip.smtp.retries} counters, the
 * {@code infobip.smtp.pool.*} gauges, with the webhook enabled the counters of the
 * reports it published, and with the JDBC outbox its {@code infobip.smtp.outbox.*}
 * meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		SimpleMetricsExportAutoConfiguration.class, InfobipSmtpAutoConfiguration.class,
		InfobipSmtpOutboxAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, InfobipMailSender.class })
@EnableConfigurationProperties(InfobipSmtpProperties.class)
public final class InfobipSmtpMetricsAutoConfiguration {

	InfobipSmtpMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	InfobipSmtpMeterHandler infobipSmtpMeterHandler(MeterRegistry meterRegistry) {
		return new InfobipSmtpMeterHandler(meterRegistry);
	}

	@Bean
	@ConditionalOnBooleanProperty("infobip.smtp.webhook.enabled")
	@ConditionalOnMissingBean
	InfobipWebhookMetrics infobipWebhookMetrics(MeterRegistry meterRegistry) {
		return new InfobipWebhookMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(InfobipMailSender.class)
	InfobipSmtpPoolMetrics infobipSmtpPoolMetrics(InfobipMailSender sender) {
		return new InfobipSmtpPoolMetrics(sender);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(JdbcMailOutbox.class)
	InfobipOutboxMetrics infobipOutboxMetrics(JdbcMailOutbox outbox) {
		return new InfobipOutboxMetrics(outbox, outbox::dispatchedCount);
	}

}

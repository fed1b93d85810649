/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.metrics.InfobipSmtpRecipientsMeterHandler;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for Infobip SMTP metrics. The {@code infobip.smtp.send} timer comes
 * from the send observation through the application's ObservationRegistry; this adds the
 * {@code infobip.smtp.recipients} counter.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		SimpleMetricsExportAutoConfiguration.class, InfobipSmtpAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, InfobipMailSender.class })
public final class InfobipSmtpMetricsAutoConfiguration {

	InfobipSmtpMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	InfobipSmtpRecipientsMeterHandler infobipSmtpRecipientsMeterHandler(MeterRegistry meterRegistry) {
		return new InfobipSmtpRecipientsMeterHandler(meterRegistry);
	}

}

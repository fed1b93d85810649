/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import com.infobip.smtp.autoconfigure.InfobipSmtpAutoConfiguration;
import com.infobip.smtp.autoconfigure.InfobipSmtpMetricsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Context runners with the sender, SSL bundles and Spring Boot's observation and metrics
 * wiring, as an application with actuator has them.
 */
public final class SenderContextRunners {

	private SenderContextRunners() {
	}

	/**
	 * Return a runner with the sender and metrics, retrying fast.
	 * @return the runner
	 */
	public static ApplicationContextRunner withMetrics() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class,
					ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					InfobipSmtpMetricsAutoConfiguration.class))
			.withPropertyValues("infobip.smtp.retry.initial-backoff=10ms", "infobip.smtp.retry.max-backoff=50ms");
	}

}

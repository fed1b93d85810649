/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Clock;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.health.InfobipSmtpHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code infobipSmtp} health contributor. Spring Boot's own
 * {@code mail} contributor applies only to {@code JavaMailSenderImpl} beans, so it does
 * not probe the relay a second time.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = InfobipSmtpAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(InfobipMailSender.class)
@ConditionalOnEnabledHealthIndicator("infobip-smtp")
@EnableConfigurationProperties(InfobipSmtpHealthProperties.class)
public final class InfobipSmtpHealthContributorAutoConfiguration {

	InfobipSmtpHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "infobipSmtpHealthIndicator")
	InfobipSmtpHealthIndicator infobipSmtpHealthIndicator(InfobipMailSender sender,
			InfobipSmtpHealthProperties health) {
		return new InfobipSmtpHealthIndicator(
				sender.getConnectionSettings()
					.withTimeouts(PropertyChecks.positive("health.timeout", health.getTimeout())),
				sender.getRegion(), health.getCacheTimeToLive(), Clock.systemUTC(), sender::getConnectionUsage);
	}

}

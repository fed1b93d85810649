/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.health.InfobipOutboxHealthIndicator;
import com.infobip.smtp.outbox.InfobipMailOutbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code infobipSmtpOutbox} health contributor, for the
 * application's {@link InfobipMailOutbox}, ours or its own. Separate from the relay's
 * contributor, so that either can be turned off alone.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = InfobipSmtpOutboxAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(InfobipMailOutbox.class)
@ConditionalOnEnabledHealthIndicator("infobip-smtp-outbox")
@EnableConfigurationProperties(InfobipSmtpOutboxProperties.class)
public final class InfobipSmtpOutboxHealthContributorAutoConfiguration {

	InfobipSmtpOutboxHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "infobipSmtpOutboxHealthIndicator")
	InfobipOutboxHealthIndicator infobipSmtpOutboxHealthIndicator(InfobipMailOutbox outbox,
			InfobipSmtpOutboxProperties properties) {
		return new InfobipOutboxHealthIndicator(outbox,
				PropertyChecks.positive("outbox.health.max-pending-age", properties.getHealth().getMaxPendingAge()));
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.actuate.InfobipOutboxEndpoint;
import com.infobip.smtp.outbox.InfobipMailOutbox;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code infobipoutbox} actuator endpoint, for the
 * application's {@link InfobipMailOutbox}, ours or its own, once the endpoint is
 * available: exposed, and its access not {@code none}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = InfobipSmtpOutboxAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnSingleCandidate(InfobipMailOutbox.class)
@ConditionalOnAvailableEndpoint(InfobipOutboxEndpoint.class)
public final class InfobipSmtpOutboxEndpointAutoConfiguration {

	InfobipSmtpOutboxEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	InfobipOutboxEndpoint infobipOutboxEndpoint(InfobipMailOutbox outbox) {
		return new InfobipOutboxEndpoint(outbox);
	}

}

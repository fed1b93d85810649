/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that masks the starter's secrets in the actuator's configprops and
 * env endpoints, even when an application chooses to show values there: under any form of
 * their property names, and wherever else their values appear.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
@ConditionalOnBooleanProperty(name = "infobip.smtp.enabled", matchIfMissing = true)
public final class InfobipSmtpSanitizingAutoConfiguration {

	InfobipSmtpSanitizingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "infobipSmtpSanitizingFunction")
	SanitizingFunction infobipSmtpSanitizingFunction(Environment environment) {
		return new SecretsSanitizingFunction(environment);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that masks the starter's secrets in the actuator's configprops and
 * env endpoints, even when an application chooses to show values there.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class InfobipSmtpSanitizingAutoConfiguration {

	private static final Pattern SECRET_KEYS = Pattern
		.compile("infobip\\.smtp\\.(api-?key|password|webhook\\.(token|password))", Pattern.CASE_INSENSITIVE);

	InfobipSmtpSanitizingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "infobipSmtpSanitizingFunction")
	SanitizingFunction infobipSmtpSanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(SECRET_KEYS);
	}

}

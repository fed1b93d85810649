/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates the {@link InfobipSmtpTestRelayContextCustomizer} for a test class annotated
 * with {@link AutoConfigureInfobipSmtpTestRelay}, on it, a superclass or an enclosing
 * class.
 */
class InfobipSmtpTestRelayContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureInfobipSmtpTestRelay annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureInfobipSmtpTestRelay.class);
		return (annotation != null) ? new InfobipSmtpTestRelayContextCustomizer(RelayAttributes.of(annotation)) : null;
	}

}

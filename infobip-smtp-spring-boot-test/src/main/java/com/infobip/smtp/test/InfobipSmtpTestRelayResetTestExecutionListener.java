/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the context's {@link InfobipSmtpTestRelay} before each test method, so that test
 * methods and classes sharing a cached context do not see each other's messages or
 * faults.
 */
class InfobipSmtpTestRelayResetTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(),
				AutoConfigureInfobipSmtpTestRelay.class)) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(InfobipSmtpTestRelayContextCustomizer.RELAY_BEAN_NAME)) {
			context.getBean(InfobipSmtpTestRelayContextCustomizer.RELAY_BEAN_NAME, InfobipSmtpTestRelay.class).reset();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}

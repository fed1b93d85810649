/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InfobipSmtpConfigurationException} as what is wrong and which
 * property to set.
 */
class InfobipSmtpConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InfobipSmtpConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InfobipSmtpConfigurationException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}

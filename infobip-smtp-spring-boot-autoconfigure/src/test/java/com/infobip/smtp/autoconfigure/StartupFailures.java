/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on what a failed start shows: the failure analysis, and the message of the
 * failure and of each of its causes, as a stack trace prints them.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * Assert that the start failed and that nothing it shows contains the secret.
	 * @param context the context that failed to start
	 * @param secret the value that must not be shown
	 */
	static void assertNeverShows(ApplicationContextAssertProvider<?> context, String secret) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			assertThat(current.getMessage()).as("message of %s", current.getClass().getName()).doesNotContain(secret);
			assertThat(current.toString()).doesNotContain(secret);
		}
		StringWriter stackTrace = new StringWriter();
		failure.printStackTrace(new PrintWriter(stackTrace));
		assertThat(stackTrace.toString()).doesNotContain(secret);
		FailureAnalysis analysis = new InfobipSmtpConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of an InfobipSmtpConfigurationException").isNotNull();
		assertThat(analysis.getDescription()).doesNotContain(secret);
		assertThat(analysis.getAction()).doesNotContain(secret);
	}

}

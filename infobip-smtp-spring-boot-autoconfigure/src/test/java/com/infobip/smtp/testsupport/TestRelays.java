/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import com.infobip.smtp.test.relay.SmtpTestRelay;

/**
 * Test relays that accept {@link TestCredentials#API_KEY}, the key
 * {@link TestRelayProperties} configures the starter with.
 */
public final class TestRelays {

	private TestRelays() {
	}

	/**
	 * Start a relay with the defaults (STARTTLS required, PIPELINING offered,
	 * {@code TestCertificates.LOCALHOST}) that accepts the test API key.
	 * @return the running relay
	 */
	public static SmtpTestRelay start() {
		return builder().start();
	}

	/**
	 * Start configuring a relay that accepts the test API key.
	 * @return the builder
	 */
	public static SmtpTestRelay.Builder builder() {
		return SmtpTestRelay.builder().apiKey(TestCredentials.API_KEY);
	}

}

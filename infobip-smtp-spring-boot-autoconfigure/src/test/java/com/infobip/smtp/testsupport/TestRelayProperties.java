/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

/**
 * {@code infobip.smtp.*} properties that point the starter at a test relay on loopback,
 * trusting {@link TestCertificates#TRUSTED_CA} through an SSL bundle.
 */
public final class TestRelayProperties {

	private TestRelayProperties() {
	}

	/**
	 * Return properties for a relay on localhost, authenticated with the test API key.
	 * @param port the relay's port
	 * @param security STARTTLS or TLS
	 * @return the properties
	 */
	public static String[] relay(int port, String security) {
		return new String[] { "infobip.smtp.host=localhost", "infobip.smtp.port=" + port,
				"infobip.smtp.security=" + security, "infobip.smtp.api-key=" + TestCredentials.API_KEY,
				"infobip.smtp.ssl.bundle=test-relay",
				"spring.ssl.bundle.pem.test-relay.truststore.certificate=" + TestCertificates.TRUSTED_CA.pemLocation(),
				"infobip.smtp.connection-timeout=5s", "infobip.smtp.timeout=5s", "infobip.smtp.write-timeout=5s" };
	}

}

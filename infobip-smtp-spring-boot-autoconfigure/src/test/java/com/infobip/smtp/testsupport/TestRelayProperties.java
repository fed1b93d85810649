/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.time.Duration;
import java.util.List;

import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.relay.TestCertificates;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@code infobip.smtp.*} properties, or connection settings, that point the starter at a
 * test relay on loopback, trusting {@link TestCertificates#TRUSTED_CA}.
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
				"spring.ssl.bundle.pem.test-relay.truststore.certificate="
						+ TestCertificates.TRUSTED_CA.getPemLocation(),
				"infobip.smtp.connection-timeout=5s", "infobip.smtp.timeout=5s", "infobip.smtp.write-timeout=5s" };
	}

	/**
	 * Register {@link #relay(int, String) the relay's properties} with a test's dynamic
	 * property registry.
	 * @param registry the registry
	 * @param port the relay's port
	 * @param security STARTTLS or TLS
	 */
	public static void register(DynamicPropertyRegistry registry, int port, String security) {
		for (String property : relay(port, security)) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

	/**
	 * Return settings for a relay on localhost, as user {@code App} with the given API
	 * key, with timeouts of 2 s.
	 * @param port the relay's port
	 * @param security STARTTLS or TLS
	 * @param apiKey the API key to authenticate with
	 * @return the settings
	 */
	public static SmtpConnectionSettings settings(int port, SmtpSecurity security, String apiKey) {
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(null,
				PemSslStoreDetails.forCertificate(TestCertificates.TRUSTED_CA.getPemLocation())));
		Duration timeout = Duration.ofSeconds(2);
		return new SmtpConnectionSettings("localhost", port, security, TestCredentials.API_KEY_USER, apiKey, null,
				bundle.createSslContext().getSocketFactory(), List.of(), List.of(), timeout, timeout, timeout);
	}

}

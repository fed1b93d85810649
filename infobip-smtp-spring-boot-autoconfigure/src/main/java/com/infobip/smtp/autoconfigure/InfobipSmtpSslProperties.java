/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * TLS settings.
 *
 * @since 0.1.0
 */
public class InfobipSmtpSslProperties {

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material verifies the
	 * relay's certificate, for a proxy or a test relay, and whose
	 * options.enabled-protocols and options.ciphers, when set, are the only TLS versions
	 * and cipher suites offered. When not set, the JVM's default trust store is used.
	 * Whatever the bundle and the JVM allow, no TLS version below TLSv1.2 is offered.
	 */
	private @Nullable String bundle;

	public @Nullable String getBundle() {
		return this.bundle;
	}

	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Health indicator settings.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("infobip.smtp.health")
public class InfobipSmtpHealthProperties {

	/**
	 * How long a health check result is reused before the relay is probed again.
	 */
	private Duration cacheTimeToLive = Duration.ofSeconds(30);

	/**
	 * Connection, reply and write timeout of the health probe.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * Where and how to connect to the relay. The password never appears in
 * {@link #toString()}.
 *
 * @param host the relay host
 * @param port the relay port
 * @param security how the connection is secured
 * @param username the AUTH user name ("App" for an API key)
 * @param password the AUTH password or API key
 * @param authMechanism the AUTH mechanism to use, or {@code null} for whichever of PLAIN
 * and LOGIN the server offers
 * @param sslSocketFactory the factory whose trust material verifies the server, or
 * {@code null} for the JVM's default trust store
 * @param connectionTimeout how long to wait for the TCP connection
 * @param readTimeout how long to wait for a server reply
 * @param writeTimeout how long a write to the server may block
 * @since 0.1.0
 */
public record SmtpConnectionSettings(String host, int port, SmtpSecurity security, String username, String password,
		@Nullable AuthMechanism authMechanism, @Nullable SSLSocketFactory sslSocketFactory, Duration connectionTimeout,
		Duration readTimeout, Duration writeTimeout) {

	public SmtpConnectionSettings {
		Objects.requireNonNull(host, "host must not be null");
		Objects.requireNonNull(security, "security must not be null");
		Objects.requireNonNull(username, "username must not be null");
		Objects.requireNonNull(password, "password must not be null");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535");
		}
	}

	/**
	 * Describe the relay for messages, for instance "smtp-api.infobip.com:587
	 * (STARTTLS)".
	 * @return the description
	 */
	public String describe() {
		return this.host + ":" + this.port + " (" + this.security + ")";
	}

	/**
	 * Return these settings with every timeout set to the given one.
	 * @param timeout the connection, read and write timeout
	 * @return the settings
	 */
	public SmtpConnectionSettings withTimeouts(Duration timeout) {
		return new SmtpConnectionSettings(this.host, this.port, this.security, this.username, this.password,
				this.authMechanism, this.sslSocketFactory, timeout, timeout, timeout);
	}

	@Override
	public String toString() {
		return "SmtpConnectionSettings[host=" + this.host + ", port=" + this.port + ", security=" + this.security
				+ ", username=" + this.username + ", password=******, authMechanism=" + this.authMechanism
				+ ", connectionTimeout=" + this.connectionTimeout + ", readTimeout=" + this.readTimeout
				+ ", writeTimeout=" + this.writeTimeout + "]";
	}

}

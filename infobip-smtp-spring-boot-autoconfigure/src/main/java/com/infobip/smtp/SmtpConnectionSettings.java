/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import com.infobip.smtp.internal.transport.TlsProtocols;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to connect to the relay. The password never appears in
 * {@link #toString()}. Whatever the JVM allows, no TLS version below TLSv1.2 is offered
 * or accepted, for implicit TLS and STARTTLS alike.
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
 * @param tlsProtocols the TLS versions to offer, such as "TLSv1.3", or an empty list for
 * TLSv1.3 and TLSv1.2; none may be below TLSv1.2
 * @param tlsCipherSuites the cipher suites to offer, or an empty list for the socket
 * factory's defaults
 * @param connectionTimeout how long to wait for the TCP connection
 * @param readTimeout how long to wait for a server reply
 * @param writeTimeout how long a write to the server may block
 * @since 0.1.0
 */
public record SmtpConnectionSettings(String host, int port, SmtpSecurity security, String username, String password,
		@Nullable AuthMechanism authMechanism, @Nullable SSLSocketFactory sslSocketFactory, List<String> tlsProtocols,
		List<String> tlsCipherSuites, Duration connectionTimeout, Duration readTimeout, Duration writeTimeout) {

	/**
	 * Create settings.
	 * @throws IllegalArgumentException if the port is not a TCP port or a TLS version is
	 * below TLSv1.2
	 */
	public SmtpConnectionSettings {
		Objects.requireNonNull(host, "host must not be null");
		Objects.requireNonNull(security, "security must not be null");
		Objects.requireNonNull(username, "username must not be null");
		Objects.requireNonNull(password, "password must not be null");
		Objects.requireNonNull(tlsProtocols, "tlsProtocols must not be null");
		Objects.requireNonNull(tlsCipherSuites, "tlsCipherSuites must not be null");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535");
		}
		List<String> belowFloor = TlsProtocols.belowFloor(tlsProtocols);
		if (!belowFloor.isEmpty()) {
			throw new IllegalArgumentException("tlsProtocols must not name a TLS version below " + TlsProtocols.FLOOR
					+ ", but names " + String.join(", ", belowFloor));
		}
		tlsProtocols = tlsProtocols.isEmpty() ? TlsProtocols.DEFAULT : List.copyOf(tlsProtocols);
		tlsCipherSuites = List.copyOf(tlsCipherSuites);
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
				this.authMechanism, this.sslSocketFactory, this.tlsProtocols, this.tlsCipherSuites, timeout, timeout,
				timeout);
	}

	@Override
	public String toString() {
		return "SmtpConnectionSettings[host=" + this.host + ", port=" + this.port + ", security=" + this.security
				+ ", username=" + this.username + ", password=******, authMechanism=" + this.authMechanism
				+ ", tlsProtocols=" + this.tlsProtocols + ", tlsCipherSuites=" + this.tlsCipherSuites
				+ ", connectionTimeout=" + this.connectionTimeout + ", readTimeout=" + this.readTimeout
				+ ", writeTimeout=" + this.writeTimeout + "]";
	}

}

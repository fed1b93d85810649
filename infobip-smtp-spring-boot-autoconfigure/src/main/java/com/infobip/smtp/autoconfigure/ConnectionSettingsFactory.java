/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.Locale;

import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

import com.infobip.smtp.InfobipRegion;
import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Turns {@code infobip.smtp.*} into {@link SmtpConnectionSettings}, failing with what to
 * set when the properties cannot work.
 */
final class ConnectionSettingsFactory {

	/** User name Infobip expects with an API key. */
	static final String API_KEY_USERNAME = "App";

	private static final String PREFIX = "infobip.smtp.";

	private ConnectionSettingsFactory() {
	}

	static SmtpConnectionSettings create(InfobipSmtpProperties properties, @Nullable SslBundles sslBundles) {
		boolean customHost = StringUtils.hasText(properties.getHost());
		String host = customHost ? properties.getHost().trim() : properties.getRegion().host();
		int port = port(properties, customHost);
		SmtpSecurity security = security(properties, port, customHost);
		String[] credentials = credentials(properties);
		return new SmtpConnectionSettings(host, port, security, credentials[0], credentials[1],
				properties.getAuthMechanism(), sslSocketFactory(properties, sslBundles),
				positive("connection-timeout", properties.getConnectionTimeout()),
				positive("timeout", properties.getTimeout()), positive("write-timeout", properties.getWriteTimeout()));
	}

	/**
	 * Return the name of the region whose relay is used, for tags and health details:
	 * with {@code infobip.smtp.host} set, the region that host belongs to, or
	 * {@code custom}.
	 */
	static String regionName(InfobipSmtpProperties properties) {
		InfobipRegion region = StringUtils.hasText(properties.getHost()) ? InfobipRegion.ofHost(properties.getHost())
				: properties.getRegion();
		return (region != null) ? region.name().toLowerCase(Locale.ROOT) : "custom";
	}

	private static int port(InfobipSmtpProperties properties, boolean customHost) {
		int port = properties.getPort();
		if (port < 1 || port > 65535) {
			throw new InfobipSmtpConfigurationException(PREFIX + "port=" + port + " is not a TCP port.",
					"Set infobip.smtp.port to 587 (STARTTLS), 465 (TLS) or 25 (STARTTLS).");
		}
		InfobipRegion region = properties.getRegion();
		if (!customHost && !region.servesPort(port)) {
			throw new InfobipSmtpConfigurationException(
					"Infobip region " + region + " (" + region.host() + ") does not serve port " + port + "; it serves "
							+ region.describePorts() + ".",
					"Set infobip.smtp.port to one of " + region.describePorts()
							+ ", or set infobip.smtp.host to use another relay.");
		}
		return port;
	}

	private static SmtpSecurity security(InfobipSmtpProperties properties, int port, boolean customHost) {
		SmtpSecurity implied = SmtpSecurity.forPort(port);
		SmtpSecurity security = properties.getSecurity();
		if (security == null) {
			return implied;
		}
		if (!customHost && security != implied) {
			throw new InfobipSmtpConfigurationException(
					PREFIX + "security=" + security + " does not match port " + port + " of "
							+ properties.getRegion().host() + ", which uses " + implied + ".",
					"Remove infobip.smtp.security, or use port 465 for TLS and 587 or 25 for STARTTLS.");
		}
		return security;
	}

	private static String[] credentials(InfobipSmtpProperties properties) {
		boolean apiKey = StringUtils.hasText(properties.getApiKey());
		boolean username = StringUtils.hasText(properties.getUsername());
		boolean password = StringUtils.hasText(properties.getPassword());
		if (apiKey && (username || password)) {
			throw new InfobipSmtpConfigurationException(
					"Both infobip.smtp.api-key and infobip.smtp.username/password are set; exactly one way to authenticate is allowed.",
					"Remove either infobip.smtp.api-key or infobip.smtp.username and infobip.smtp.password.");
		}
		if (apiKey) {
			return new String[] { API_KEY_USERNAME, properties.getApiKey() };
		}
		if (username && password) {
			return new String[] { properties.getUsername(), properties.getPassword() };
		}
		if (username || password) {
			String missing = username ? "infobip.smtp.password" : "infobip.smtp.username";
			throw new InfobipSmtpConfigurationException(
					"Infobip SMTP account credentials are incomplete: " + missing + " is not set.",
					"Set " + missing + ", or set infobip.smtp.api-key instead of username and password.");
		}
		throw new InfobipSmtpConfigurationException("No Infobip SMTP credentials are configured.",
				"Set infobip.smtp.api-key (authenticates as user 'App'), or set infobip.smtp.username and infobip.smtp.password.");
	}

	private static @Nullable SSLSocketFactory sslSocketFactory(InfobipSmtpProperties properties,
			@Nullable SslBundles sslBundles) {
		String bundle = properties.getSsl().getBundle();
		if (!StringUtils.hasText(bundle)) {
			return null;
		}
		if (sslBundles == null) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.ssl.bundle=" + bundle + " is set but the application has no SSL bundles.",
					"Define the bundle under spring.ssl.bundle.*, or remove infobip.smtp.ssl.bundle.");
		}
		try {
			return sslBundles.getBundle(bundle).createSslContext().getSocketFactory();
		}
		catch (NoSuchSslBundleException ex) {
			throw new InfobipSmtpConfigurationException("infobip.smtp.ssl.bundle=" + bundle + " names no SSL bundle.",
					"Define spring.ssl.bundle.jks." + bundle + " or spring.ssl.bundle.pem." + bundle
							+ ", or fix infobip.smtp.ssl.bundle.");
		}
	}

	private static Duration positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InfobipSmtpConfigurationException(PREFIX + property + "=" + value + " is not positive.",
					"Set infobip.smtp." + property + " to a positive duration, for instance 30s.");
		}
		return value;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import com.infobip.smtp.InfobipRegion;
import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.internal.transport.TlsProtocols;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;

/**
 * Turns {@code infobip.smtp.*} into {@link SmtpConnectionSettings}, failing with what to
 * set when the properties cannot work.
 */
final class ConnectionSettingsMapper {

	/** User name Infobip expects with an API key. */
	static final String API_KEY_USERNAME = "App";

	private static final String PREFIX = "infobip.smtp.";

	private ConnectionSettingsMapper() {
	}

	static SmtpConnectionSettings create(InfobipSmtpProperties properties, @Nullable SslBundles sslBundles) {
		boolean customHost = StringUtils.hasText(properties.getHost());
		String host = customHost ? properties.getHost().trim() : properties.getRegion().host();
		int port = port(properties, customHost);
		SmtpSecurity security = security(properties, port, customHost);
		String[] credentials = credentials(properties);
		Tls tls = tls(properties, sslBundles);
		return new SmtpConnectionSettings(host, port, security, credentials[0], credentials[1],
				properties.getAuthMechanism(), tls.socketFactory(), tls.protocols(), tls.cipherSuites(),
				PropertyChecks.positive("connection-timeout", properties.getConnectionTimeout()),
				PropertyChecks.positive("timeout", properties.getTimeout()),
				PropertyChecks.positive("write-timeout", properties.getWriteTimeout()));
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

	/**
	 * Return the trust material and the TLS versions and cipher suites of the SSL bundle,
	 * or the JVM's trust store and the starter's versions without one. A bundle's options
	 * that name a version below TLSv1.2, or that no handshake could start with, fail the
	 * start rather than every send.
	 */
	private static Tls tls(InfobipSmtpProperties properties, @Nullable SslBundles sslBundles) {
		String name = properties.getSsl().getBundle();
		if (!StringUtils.hasText(name)) {
			return new Tls(null, TlsProtocols.DEFAULT, List.of());
		}
		if (sslBundles == null) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.ssl.bundle=" + name + " is set but the application has no SSL bundles.",
					"Define the bundle under spring.ssl.bundle.*, or remove infobip.smtp.ssl.bundle.");
		}
		SslBundle bundle;
		try {
			bundle = sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InfobipSmtpConfigurationException("infobip.smtp.ssl.bundle=" + name + " names no SSL bundle.",
					"Define spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name
							+ ", or fix infobip.smtp.ssl.bundle.");
		}
		SSLContext context = bundle.createSslContext();
		SslOptions options = bundle.getOptions();
		List<String> protocols = names(options.getEnabledProtocols());
		List<String> cipherSuites = names(options.getCiphers());
		List<String> belowFloor = TlsProtocols.belowFloor(protocols);
		if (!belowFloor.isEmpty()) {
			String versions = String.join(", ", belowFloor);
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.ssl.bundle=" + name + " enables " + versions
							+ " in the bundle's options.enabled-protocols; the starter requires " + TlsProtocols.FLOOR
							+ " or later.",
					"Remove " + versions + " from " + option(name, "enabled-protocols") + ", leaving "
							+ String.join(" or ", TlsProtocols.DEFAULT)
							+ " or both, or set infobip.smtp.ssl.bundle to a bundle of the starter's own.");
		}
		List<String> offered = protocols.isEmpty() ? TlsProtocols.DEFAULT : protocols;
		checkOptions(name, context, offered, cipherSuites);
		return new Tls(context.getSocketFactory(), offered, cipherSuites);
	}

	/**
	 * Check the bundle's options against the TLS versions and cipher suites this JVM
	 * supports, and that a handshake could start with them: starts a client handshake
	 * without a connection, as each connection will.
	 */
	private static void checkOptions(String name, SSLContext context, List<String> protocols,
			List<String> cipherSuites) {
		SSLEngine engine = context.createSSLEngine();
		engine.setUseClientMode(true);
		List<String> supportedProtocols = Arrays.asList(engine.getSupportedProtocols());
		List<String> unsupported = protocols.stream()
			.filter((protocol) -> !supportedProtocols.contains(protocol))
			.toList();
		if (!unsupported.isEmpty()) {
			List<String> usable = supportedProtocols.stream()
				.filter((protocol) -> TlsProtocols.belowFloor(List.of(protocol)).isEmpty())
				.filter((protocol) -> protocol.startsWith("TLS"))
				.toList();
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.ssl.bundle=" + name + " enables " + String.join(", ", unsupported)
							+ " in the bundle's options.enabled-protocols, which this JVM does not support.",
					"Set " + option(name, "enabled-protocols") + " to versions among " + String.join(", ", usable)
							+ ", or remove it.");
		}
		List<String> supportedSuites = Arrays.asList(engine.getSupportedCipherSuites());
		List<String> unsupportedSuites = cipherSuites.stream()
			.filter((suite) -> !supportedSuites.contains(suite))
			.toList();
		if (!unsupportedSuites.isEmpty()) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.ssl.bundle=" + name + " enables " + String.join(", ", unsupportedSuites)
							+ " in the bundle's options.ciphers, which this JVM does not support.",
					"Fix " + option(name, "ciphers") + ", or remove it to use the JVM's cipher suites.");
		}
		engine.setEnabledProtocols(protocols.toArray(String[]::new));
		if (!cipherSuites.isEmpty()) {
			engine.setEnabledCipherSuites(cipherSuites.toArray(String[]::new));
		}
		try {
			engine.beginHandshake();
		}
		catch (SSLException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.ssl.bundle=" + name + " enables no cipher suite that any of its TLS versions ("
							+ String.join(", ", protocols)
							+ ") can use, or this JVM disables them (jdk.tls.disabledAlgorithms).",
					"Fix " + option(name, "ciphers") + " or " + option(name, "enabled-protocols")
							+ ", or remove them to use the JVM's cipher suites and TLSv1.3 and TLSv1.2.");
		}
		finally {
			engine.closeOutbound();
		}
	}

	private static List<String> names(String @Nullable [] names) {
		if (names == null) {
			return List.of();
		}
		return Arrays.stream(names).map(String::trim).filter((name) -> !name.isEmpty()).distinct().toList();
	}

	private static String option(String bundle, String option) {
		return "spring.ssl.bundle.pem." + bundle + ".options." + option + " (or spring.ssl.bundle.jks." + bundle
				+ ".options." + option + ")";
	}

	private record Tls(@Nullable SSLSocketFactory socketFactory, List<String> protocols, List<String> cipherSuites) {
	}

}

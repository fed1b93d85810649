/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.Properties;

import com.infobip.smtp.AuthMechanism;
import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;

/**
 * Jakarta Mail session properties for {@link SmtpConnectionSettings}: TLS or a required
 * STARTTLS with the TLS versions and cipher suites of the settings, a verified
 * certificate and host name, AUTH, and bounded timeouts.
 */
final class SmtpSessionProperties {

	private SmtpSessionProperties() {
	}

	static Properties of(SmtpConnectionSettings settings) {
		Properties properties = new Properties();
		properties.setProperty("mail.transport.protocol", "smtp");
		properties.setProperty("mail.smtp.host", settings.host());
		properties.setProperty("mail.smtp.port", String.valueOf(settings.port()));
		properties.setProperty("mail.smtp.auth", "true");
		properties.setProperty("mail.smtp.auth.mechanisms", mechanisms(settings));
		properties.setProperty("mail.smtp.connectiontimeout", String.valueOf(settings.connectionTimeout().toMillis()));
		properties.setProperty("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
		properties.setProperty("mail.smtp.writetimeout", String.valueOf(settings.writeTimeout().toMillis()));
		if (settings.security() == SmtpSecurity.TLS) {
			properties.setProperty("mail.smtp.ssl.enable", "true");
		}
		else {
			// STARTTLS is not optional: a server that does not offer it gets no AUTH
			properties.setProperty("mail.smtp.starttls.enable", "true");
			properties.setProperty("mail.smtp.starttls.required", "true");
		}
		properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
		// Angus sets these on every TLS socket, implicit or after STARTTLS, before the
		// handshake: the JVM's own defaults never decide the floor
		properties.setProperty("mail.smtp.ssl.protocols", String.join(" ", settings.tlsProtocols()));
		if (!settings.tlsCipherSuites().isEmpty()) {
			properties.setProperty("mail.smtp.ssl.ciphersuites", String.join(" ", settings.tlsCipherSuites()));
		}
		// deliver to the accepted recipients and report the refused ones
		properties.setProperty("mail.smtp.sendpartial", "true");
		// QUIT is a courtesy: waiting for its answer would let a relay that stopped
		// answering hold up discarding, evicting and closing connections
		properties.setProperty("mail.smtp.quitwait", "false");
		properties.put("mail.smtp.ssl.socketFactory", new TransportSslSocketFactory(settings.sslSocketFactory()));
		return properties;
	}

	private static String mechanisms(SmtpConnectionSettings settings) {
		AuthMechanism mechanism = settings.authMechanism();
		return (mechanism != null) ? mechanism.name() : AuthMechanism.PLAIN + " " + AuthMechanism.LOGIN;
	}

}

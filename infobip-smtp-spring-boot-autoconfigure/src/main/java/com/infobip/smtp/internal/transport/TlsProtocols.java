/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLHandshakeException;

import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;

/**
 * The starter's TLS floor: TLSv1.3 and TLSv1.2 are offered unless the settings narrow
 * them, nothing older is ever offered whatever the JVM allows, and a handshake that fails
 * for want of a common version says what the relay offered.
 *
 * @since 0.1.0
 */
public final class TlsProtocols {

	/** The TLS versions offered when the settings name none, in order of preference. */
	public static final List<String> DEFAULT = List.of("TLSv1.3", "TLSv1.2");

	/** The oldest TLS version the starter offers or accepts. */
	public static final String FLOOR = "TLSv1.2";

	private static final Set<String> BELOW_FLOOR = Set.of("sslv2", "sslv2hello", "sslv3", "tlsv1", "tlsv1.0",
			"tlsv1.1");

	// the JDK names the version a server chose by its enum constant
	private static final Map<String, String> JDK_NAMES = Map.of("SSL20Hello", "SSLv2Hello", "SSL30", "SSLv3", "TLS10",
			"TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");

	// sun.security.ssl.ServerHello, JDK 11 to 25: a server chose a version not offered
	private static final Pattern SERVER_SELECTED = Pattern
		.compile("server selected protocol version (\\S+) is not accepted");

	private TlsProtocols() {
	}

	/**
	 * Return those of the given TLS versions that are below the floor, such as TLSv1.1.
	 * @param protocols the TLS versions, as the JDK names them
	 * @return the versions below TLSv1.2, in the given order
	 */
	public static List<String> belowFloor(Collection<String> protocols) {
		return protocols.stream()
			.filter((protocol) -> BELOW_FLOOR.contains(protocol.trim().toLowerCase(Locale.ROOT)))
			.toList();
	}

	/**
	 * Return a failure that says why the TLS handshake failed, if it did: when the relay
	 * and the starter had no TLS version in common, naming the relay's offer when the
	 * handshake showed it.
	 * @param failure what Jakarta Mail threw while connecting
	 * @param offered the TLS versions the starter offered
	 * @return the explained failure, with the given one as its cause, or the given one
	 * when no handshake failed
	 */
	static MessagingException explain(MessagingException failure, List<String> offered) {
		SSLHandshakeException handshake = handshakeFailure(failure);
		if (handshake == null || handshake.getMessage() == null) {
			return failure;
		}
		String versions = String.join(", ", offered);
		Matcher selected = SERVER_SELECTED.matcher(handshake.getMessage());
		if (selected.find()) {
			String version = JDK_NAMES.getOrDefault(selected.group(1), selected.group(1));
			String why = belowFloor(List.of(version)).isEmpty()
					? ", which is not one of the TLS versions offered (" + versions + ")"
					: "; the starter requires " + FLOOR + " or later";
			return new MessagingException("TLS handshake failed: the relay offered " + version + why, failure);
		}
		if (handshake.getMessage().contains("protocol_version")) {
			String why = offered.containsAll(DEFAULT) ? ": it offers only older ones, and the starter requires "
					: ": enable another one that the relay offers; the starter requires ";
			return new MessagingException("TLS handshake failed: the relay accepted none of the TLS versions offered ("
					+ versions + ") and answered protocol_version" + why + FLOOR + " or later", failure);
		}
		// rather than Angus's "Could not connect to SMTP host" or "Could not convert
		// socket to TLS", which hide why
		return new MessagingException("TLS handshake failed: " + handshake.getMessage(), failure);
	}

	private static @Nullable SSLHandshakeException handshakeFailure(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof SSLHandshakeException handshake) {
				return handshake;
			}
		}
		return null;
	}

}

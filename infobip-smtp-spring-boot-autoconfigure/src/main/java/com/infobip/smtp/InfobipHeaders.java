/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Names of the message headers the Infobip relay reads, and the rules their values must
 * follow before they may be sent.
 *
 * @since 0.1.0
 */
public final class InfobipHeaders {

	/**
	 * Longest header line, in characters, the name, colon and space included (RFC 5322
	 * 2.1.1). Infobip's values are single lines of printable US-ASCII, so they cannot be
	 * folded onto more.
	 */
	public static final int MAX_LINE_LENGTH = 998;

	/** Prefix shared by every Infobip header. */
	public static final String PREFIX = "X-IB-";

	/** Identifies the sent email request; delivery reports carry it back. */
	public static final String BULK_ID = "X-IB-bulk-id";

	/** URL to which Infobip posts open and click notifications. */
	public static final String TRACKING_URL = "X-IB-tracking-url";

	/** Whether Infobip posts real-time intermediate delivery reports. */
	public static final String INTERMEDIATE_REPORT = "X-IB-intermediate-report";

	/** URL to which Infobip posts delivery reports. */
	public static final String NOTIFY_URL = "X-IB-notify-url";

	/** Content type of the delivery reports: application/json or application/xml. */
	public static final String NOTIFY_CONTENT_TYPE = "X-IB-notify-content-type";

	/** Client data that Infobip passes back with delivery reports. */
	public static final String CALLBACK_DATA = "X-IB-callback-data";

	private InfobipHeaders() {
	}

	/**
	 * Return whether the header is one of Infobip's (it starts with {@value #PREFIX},
	 * ignoring case).
	 * @param name the header name
	 * @return whether Infobip reads the header
	 */
	public static boolean isInfobipHeader(String name) {
		return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
	}

	/**
	 * Check a value for an Infobip header. Every value must be a single line of printable
	 * US-ASCII characters (space to tilde); URLs must be absolute http or https URLs; the
	 * notify content type and the intermediate report flag must be values Infobip
	 * accepts; the header line must fit {@value #MAX_LINE_LENGTH} characters. The value
	 * itself is never echoed in the error, as it may be anything.
	 * @param name the header name
	 * @param value the value to check
	 * @throws InvalidMessageException if the value must not be sent, naming the header
	 */
	public static void checkValue(String name, String value) {
		if (value.isBlank()) {
			throw invalid(name, "must not be blank");
		}
		if (name.length() + 2 + value.length() > MAX_LINE_LENGTH) {
			throw invalid(name, "must fit on one header line of at most " + MAX_LINE_LENGTH
					+ " characters, its name included (it has " + value.length() + ")");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\r' || c == '\n') {
				throw invalid(name, "must be a single line (it contains CR or LF)");
			}
			// ASCII only: a wider character can reach the wire as a CR or LF byte (U+010A
			// written one byte per character is LF), and Infobip's decoding of anything
			// else is not specified
			if (c < ' ' || c > '~') {
				throw invalid(name,
						"must be printable US-ASCII (encode other characters, for instance URL-encode them)");
			}
		}
		switch (name.toLowerCase(Locale.ROOT)) {
			case "x-ib-tracking-url", "x-ib-notify-url" -> checkUrl(name, value);
			case "x-ib-notify-content-type" -> checkContentType(name, value);
			case "x-ib-intermediate-report" -> checkBoolean(name, value);
			default -> {
			}
		}
	}

	private static void checkUrl(String name, String value) {
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
			if (!uri.isAbsolute() || !http || uri.getHost() == null) {
				throw invalid(name, "must be an absolute http or https URL");
			}
		}
		catch (URISyntaxException ex) {
			throw invalid(name, "must be an absolute http or https URL");
		}
	}

	private static void checkContentType(String name, String value) {
		if (NotifyContentType.fromValue(value) == null) {
			throw invalid(name, "must be application/json or application/xml");
		}
	}

	private static void checkBoolean(String name, String value) {
		if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
			throw invalid(name, "must be true or false");
		}
	}

	private static InvalidMessageException invalid(String name, String problem) {
		return new InvalidMessageException("Header " + name + " " + problem);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Reads the URL properties (notify-url, tracking-url, webhook.public-base-url). They can
 * carry secrets, the webhook token in the query or credentials as user info, so they are
 * bound as strings and converted here, where a failure shows them masked: Spring Boot's
 * own binding failure would show them whole.
 */
final class ConfiguredUrls {

	private static final String MASK = "******";

	private ConfiguredUrls() {
	}

	/**
	 * Return the URL a property holds, converted as Spring's URIEditor converts it
	 * (characters a URL does not allow are percent-encoded), or {@code null} when blank.
	 * @param property the full property name, for the message
	 * @param value the property's value
	 * @return the URL, or {@code null}
	 * @throws InfobipSmtpConfigurationException if the value is no URL at all, naming the
	 * property and showing the value masked
	 */
	static @Nullable URI parse(String property, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String url = value.trim();
		try {
			return create(url);
		}
		catch (URISyntaxException ex) {
			// the exception's own message holds the whole value: only its reason is shown
			String reason = ex.getReason();
			reason = reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
			throw new InfobipSmtpConfigurationException(
					property + " is not a valid URL (" + reason + "): " + mask(url) + ".",
					"Set " + property + " to an absolute http or https URL, for instance https://shop.example.com/.");
		}
	}

	/**
	 * Return the URL with the value of every query parameter, the fragment and any user
	 * info replaced by a mask, for instance
	 * {@code https://shop.example.com/dlr?token=******}. Works on strings that are no
	 * valid URL too.
	 * @param url the URL
	 * @return the masked URL
	 */
	static String mask(String url) {
		String rest = url;
		String fragment = "";
		int hash = rest.indexOf('#');
		if (hash >= 0) {
			fragment = "#" + MASK;
			rest = rest.substring(0, hash);
		}
		String query = "";
		int question = rest.indexOf('?');
		if (question >= 0) {
			query = "?" + maskQuery(rest.substring(question + 1));
			rest = rest.substring(0, question);
		}
		return maskUserInfo(rest) + query + fragment;
	}

	// as URIEditor.createURI with encoding, which bound these properties before
	private static URI create(String url) throws URISyntaxException {
		int colon = url.indexOf(':');
		if (colon == -1) {
			return new URI(url);
		}
		int hash = url.indexOf('#', colon + 1);
		String schemeSpecificPart = url.substring(colon + 1, (hash > 0) ? hash : url.length());
		return new URI(url.substring(0, colon), schemeSpecificPart, (hash > 0) ? url.substring(hash + 1) : null);
	}

	private static String maskQuery(String query) {
		if (query.isEmpty()) {
			return query;
		}
		StringBuilder masked = new StringBuilder();
		for (String parameter : query.split("&", -1)) {
			if (!masked.isEmpty()) {
				masked.append('&');
			}
			int equals = parameter.indexOf('=');
			masked.append((equals >= 0) ? parameter.substring(0, equals + 1) + MASK : MASK);
		}
		return masked.toString();
	}

	private static String maskUserInfo(String beforeQuery) {
		int slashes = beforeQuery.indexOf("//");
		int authorityStart = (slashes >= 0) ? slashes + 2 : 0;
		int pathStart = beforeQuery.indexOf('/', authorityStart);
		int authorityEnd = (pathStart >= 0) ? pathStart : beforeQuery.length();
		int at = beforeQuery.lastIndexOf('@', authorityEnd - 1);
		if (at < authorityStart) {
			return beforeQuery;
		}
		return beforeQuery.substring(0, authorityStart) + MASK + beforeQuery.substring(at);
	}

}

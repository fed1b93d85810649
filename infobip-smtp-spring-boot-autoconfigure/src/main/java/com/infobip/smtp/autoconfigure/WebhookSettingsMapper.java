/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Turns {@code infobip.smtp.webhook.*} into the webhook's path and the public URLs
 * Infobip is given, failing with what to set when they cannot work.
 */
final class WebhookSettingsMapper {

	private WebhookSettingsMapper() {
	}

	static String path(InfobipSmtpWebhookProperties webhook) {
		String path = webhook.getPath().trim();
		if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.path=" + path + " is not an absolute path.",
					"Set infobip.smtp.webhook.path to a path such as /infobip/smtp.");
		}
		try {
			// it becomes part of the URLs Infobip is given: only characters a URL path
			// allows, and percent-encoded octets
			UriComponentsBuilder.fromPath(path).build(true);
		}
		catch (IllegalArgumentException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.path=" + path + " is not a valid URL path.",
					"Set infobip.smtp.webhook.path to a path such as /infobip/smtp, percent-encoding any character a URL does not allow.");
		}
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * Return the public URL of a webhook endpoint, with the credentials Infobip must
	 * send, or {@code null} when no public base URL is set.
	 */
	static @Nullable URI publicUrl(InfobipSmtpWebhookProperties webhook, String endpoint) {
		URI base = ConfiguredUrls.parse("infobip.smtp.webhook.public-base-url", webhook.getPublicBaseUrl());
		if (base == null) {
			return null;
		}
		if (!base.isAbsolute() || base.getHost() == null
				|| !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.public-base-url=" + ConfiguredUrls.mask(base.toString())
							+ " is not an absolute http or https URL.",
					"Set infobip.smtp.webhook.public-base-url to this application's public URL, for instance https://shop.example.com.");
		}
		// the base is encoded already; what is added is encoded here, every character
		// with a meaning in a URL escaped
		UriComponentsBuilder url = UriComponentsBuilder.fromUri(base).path(path(webhook)).path(endpoint);
		if (StringUtils.hasText(webhook.getToken())) {
			url.queryParam("token", encode(webhook.getToken()));
		}
		else if (StringUtils.hasText(webhook.getUsername()) && StringUtils.hasText(webhook.getPassword())) {
			url.userInfo(encode(webhook.getUsername()) + ":" + encode(webhook.getPassword()));
		}
		else {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.public-base-url is set but there is no webhook token or credentials to give Infobip.",
					"Set infobip.smtp.webhook.token, or infobip.smtp.webhook.username and infobip.smtp.webhook.password.");
		}
		try {
			return url.build(true).toUri();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// not expected, as its parts are checked or encoded; the URL holds the
			// secret, and so may the exception's message
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.public-base-url and infobip.smtp.webhook.path make no valid URL: "
							+ ConfiguredUrls.mask(base.toString()) + " and " + path(webhook) + ".",
					"Fix infobip.smtp.webhook.public-base-url or infobip.smtp.webhook.path.");
		}
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}

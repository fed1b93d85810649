/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.infobip.smtp.webhook.WebhookAuthenticator;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Turns {@code infobip.smtp.webhook.*} into the webhook's path, authenticator and the
 * public URLs Infobip is given, failing with what to set when they cannot work.
 */
final class WebhookSettingsFactory {

	private WebhookSettingsFactory() {
	}

	static String path(InfobipSmtpWebhookProperties webhook) {
		String path = webhook.getPath().trim();
		if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.path=" + path + " is not an absolute path.",
					"Set infobip.smtp.webhook.path to a path such as /infobip/smtp.");
		}
		try {
			// it becomes part of the URLs Infobip is given
			new URI("https://example.com" + path);
		}
		catch (URISyntaxException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.path=" + path + " is not a valid URL path.",
					"Set infobip.smtp.webhook.path to a path such as /infobip/smtp, percent-encoding any character a URL does not allow.");
		}
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	static WebhookAuthenticator authenticator(InfobipSmtpWebhookProperties webhook) {
		boolean token = StringUtils.hasText(webhook.getToken());
		boolean basic = StringUtils.hasText(webhook.getUsername()) && StringUtils.hasText(webhook.getPassword());
		if (!token && !basic) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.enabled=true but the webhook endpoints have no credentials; they are reachable from the internet.",
					"Set infobip.smtp.webhook.token (a long random secret), or infobip.smtp.webhook.username and infobip.smtp.webhook.password.");
		}
		return new WebhookAuthenticator(token ? webhook.getToken() : null, basic ? webhook.getUsername() : null,
				basic ? webhook.getPassword() : null);
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
		String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
				: base.toString();
		String url = root + path(webhook) + endpoint;
		if (StringUtils.hasText(webhook.getToken())) {
			return derived(url + "?token=" + URLEncoder.encode(webhook.getToken(), StandardCharsets.UTF_8));
		}
		if (StringUtils.hasText(webhook.getUsername()) && StringUtils.hasText(webhook.getPassword())
				&& base.getHost() != null) {
			String userInfo = URLEncoder.encode(webhook.getUsername(), StandardCharsets.UTF_8) + ":"
					+ URLEncoder.encode(webhook.getPassword(), StandardCharsets.UTF_8) + "@";
			return derived(url.replaceFirst("://", "://" + userInfo));
		}
		throw new InfobipSmtpConfigurationException(
				"infobip.smtp.webhook.public-base-url is set but there is no webhook token or credentials to give Infobip.",
				"Set infobip.smtp.webhook.token, or infobip.smtp.webhook.username and infobip.smtp.webhook.password.");
	}

	private static URI derived(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			// not expected, as its parts are checked or encoded; but it holds the secret
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.public-base-url and infobip.smtp.webhook.path make no valid URL ("
							+ ex.getReason() + "): " + ConfiguredUrls.mask(url) + ".",
					"Fix infobip.smtp.webhook.public-base-url or infobip.smtp.webhook.path.");
		}
	}

}

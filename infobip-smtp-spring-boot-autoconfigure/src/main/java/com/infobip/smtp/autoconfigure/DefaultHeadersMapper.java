/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.internal.transport.EnvelopeAddresses;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Turns the message-related {@code infobip.smtp.*} properties into checked values:
 * default Infobip headers, default sender, size limit and sender domains.
 */
final class DefaultHeadersMapper {

	private static final Log logger = LogFactory.getLog(DefaultHeadersMapper.class);

	private DefaultHeadersMapper() {
	}

	static Map<String, String> defaultHeaders(InfobipSmtpProperties properties, InfobipSmtpWebhookProperties webhook) {
		Map<String, String> headers = new LinkedHashMap<>();
		boolean derive = deriveWebhookUrls(properties, webhook);
		URI trackingUrl = ConfiguredUrls.parse("infobip.smtp.tracking-url", properties.getTrackingUrl());
		put(headers, InfobipHeaders.TRACKING_URL, "tracking-url", (trackingUrl != null) ? trackingUrl
				: (derive ? WebhookSettingsMapper.publicUrl(webhook, "/tracking") : null));
		URI notifyUrl = ConfiguredUrls.parse("infobip.smtp.notify-url", properties.getNotifyUrl());
		put(headers, InfobipHeaders.NOTIFY_URL, "notify-url", (notifyUrl != null) ? notifyUrl
				: (derive ? WebhookSettingsMapper.publicUrl(webhook, "/delivery-reports") : null));
		put(headers, InfobipHeaders.NOTIFY_CONTENT_TYPE, "notify-content-type",
				(properties.getNotifyContentType() != null) ? properties.getNotifyContentType().value() : null);
		put(headers, InfobipHeaders.INTERMEDIATE_REPORT, "intermediate-report", properties.getIntermediateReport());
		put(headers, InfobipHeaders.CALLBACK_DATA, "callback-data", properties.getCallbackData());
		return headers;
	}

	/**
	 * Return whether notify and tracking URLs may be derived from the public base URL:
	 * only when the endpoints are served, which with the webhook enabled they are (or
	 * else the start fails), so that Infobip never posts to a URL that does not exist.
	 */
	private static boolean deriveWebhookUrls(InfobipSmtpProperties properties, InfobipSmtpWebhookProperties webhook) {
		if (webhook.isEnabled()) {
			return true;
		}
		boolean wouldDerive = !StringUtils.hasText(properties.getTrackingUrl())
				|| !StringUtils.hasText(properties.getNotifyUrl());
		if (StringUtils.hasText(webhook.getPublicBaseUrl()) && wouldDerive) {
			logger.warn("infobip.smtp.webhook.public-base-url is set but infobip.smtp.webhook.enabled is false: "
					+ "no notify or tracking URL is derived from it, as this application does not serve the webhook endpoints");
		}
		return false;
	}

	private static void put(Map<String, String> headers, String header, String property, @Nullable Object value) {
		if (value == null) {
			return;
		}
		try {
			InfobipHeaders.checkValue(header, value.toString());
		}
		catch (InvalidMessageException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp." + property + " is invalid: " + ex.getMessage() + ".",
					"Fix infobip.smtp." + property + " or remove it.");
		}
		headers.put(header, value.toString());
	}

}

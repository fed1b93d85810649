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
final class MessageDefaultsFactory {

	private static final Log logger = LogFactory.getLog(MessageDefaultsFactory.class);

	private MessageDefaultsFactory() {
	}

	static Map<String, String> defaultHeaders(InfobipSmtpProperties properties, InfobipSmtpWebhookProperties webhook) {
		Map<String, String> headers = new LinkedHashMap<>();
		boolean derive = deriveWebhookUrls(properties, webhook);
		URI trackingUrl = ConfiguredUrls.parse("infobip.smtp.tracking-url", properties.getTrackingUrl());
		put(headers, InfobipHeaders.TRACKING_URL, "tracking-url", (trackingUrl != null) ? trackingUrl
				: (derive ? WebhookSettingsFactory.publicUrl(webhook, "/tracking") : null));
		URI notifyUrl = ConfiguredUrls.parse("infobip.smtp.notify-url", properties.getNotifyUrl());
		put(headers, InfobipHeaders.NOTIFY_URL, "notify-url", (notifyUrl != null) ? notifyUrl
				: (derive ? WebhookSettingsFactory.publicUrl(webhook, "/delivery-reports") : null));
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

	static @Nullable InternetAddress defaultFrom(InfobipSmtpProperties properties) {
		String value = properties.getDefaultFrom();
		if (!StringUtils.hasText(value)) {
			return null;
		}
		InternetAddress address;
		try {
			address = new InternetAddress(value, true);
		}
		catch (AddressException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.default-from is not a valid email address: " + ex.getMessage(),
					"Set infobip.smtp.default-from to an address such as 'Shop <shop@example.com>'.");
		}
		try {
			EnvelopeAddresses.toWire(address.getAddress());
		}
		catch (IllegalArgumentException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.default-from cannot be sent as an envelope sender: it " + ex.getMessage() + ".",
					"Set infobip.smtp.default-from to an address with an ASCII local part, such as 'Shop <shop@example.com>'.");
		}
		String domain = EnvelopeAddresses.domainOf(address.getAddress());
		List<String> allowed = allowedSenderDomains(properties);
		if (!allowed.isEmpty() && !allowed.contains(domain)) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.default-from uses domain '" + domain
							+ "', which is not in infobip.smtp.allowed-sender-domains " + allowed + ".",
					"Add '" + domain + "' to infobip.smtp.allowed-sender-domains or change infobip.smtp.default-from.");
		}
		return address;
	}

	static List<String> allowedSenderDomains(InfobipSmtpProperties properties) {
		List<String> domains = properties.getAllowedSenderDomains()
			.stream()
			.map((domain) -> domain.trim().toLowerCase(Locale.ROOT))
			.toList();
		List<String> wire = new ArrayList<>(domains.size());
		for (String domain : domains) {
			try {
				if (domain.isEmpty() || domain.contains("@")) {
					throw new IllegalArgumentException("is not a domain");
				}
				// as a sender's domain goes on the wire, and is compared
				wire.add(EnvelopeAddresses.wireDomain(domain).toLowerCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.allowed-sender-domains contains '" + domain + "', which is not a domain.",
						"List domains only, for instance 'example.com,mail.example.com'.");
			}
		}
		return wire;
	}

	static long maxMessageSize(InfobipSmtpProperties properties) {
		long bytes = properties.getMaxMessageSize().toBytes();
		if (bytes <= 0) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.max-message-size=" + properties.getMaxMessageSize() + " is not positive.",
					"Set infobip.smtp.max-message-size to a positive size, for instance 20MB.");
		}
		return bytes;
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

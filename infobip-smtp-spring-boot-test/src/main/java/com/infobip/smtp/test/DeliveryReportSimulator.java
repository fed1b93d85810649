/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Posts, as Infobip would, a delivery report to a received message's
 * {@code X-IB-notify-url} (as JSON or XML, as its {@code X-IB-notify-content-type} asks)
 * and tracking events to its {@code X-IB-tracking-url}, carrying the ids Infobip would:
 * the message id, the bulk id and the callback data. Each method returns the HTTP status
 * the endpoint answered. Credentials in the URL (a {@code token} query parameter, or user
 * info for Basic authentication) are sent as Infobip sends them.
 *
 * @since 0.1.0
 */
public final class DeliveryReportSimulator {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	DeliveryReportSimulator() {
	}

	/**
	 * Report every recipient of the message delivered (status group DELIVERED).
	 * @param message the received message
	 * @return the HTTP status of the notify URL's answer
	 */
	public int delivered(ReceivedMessage message) {
		return report(message, status(3, "DELIVERED", 5, "DELIVERED_TO_HANDSET", "Message delivered to handset"),
				error(0, "OK", 0, "NO_ERROR", "No Error", false));
	}

	/**
	 * Report every recipient of the message undeliverable (status group UNDELIVERABLE, a
	 * permanent error).
	 * @param message the received message
	 * @return the HTTP status of the notify URL's answer
	 */
	public int undeliverable(ReceivedMessage message) {
		return report(message,
				status(2, "UNDELIVERABLE", 4, "UNDELIVERABLE_REJECTED_OPERATOR",
						"Message rejected by the recipient's mail server"),
				error(2, "USER_ERRORS", 5, "EC_INVALID_EMAIL", "Invalid email address", true));
	}

	/**
	 * Post an OPENED tracking event for the message's first recipient.
	 * @param message the received message
	 * @return the HTTP status of the tracking URL's answer
	 */
	public int opened(ReceivedMessage message) {
		return tracking(message, "OPENED", null);
	}

	/**
	 * Post a CLICKED tracking event for the message's first recipient.
	 * @param message the received message
	 * @param url the link clicked
	 * @return the HTTP status of the tracking URL's answer
	 */
	public int clicked(ReceivedMessage message, String url) {
		return tracking(message, "CLICKED", url);
	}

	private int report(ReceivedMessage message, Map<String, Object> status, Map<String, Object> error) {
		String url = required(message.notifyUrl(), "X-IB-notify-url", message);
		String now = OffsetDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
		List<Object> results = message.envelopeRecipients().stream().map((recipient) -> {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("bulkId", message.bulkId());
			result.put("messageId", message.messageId());
			result.put("to", recipient);
			result.put("sentAt", now);
			result.put("doneAt", now);
			result.put("messageCount", 1);
			result.put("price", Map.of("pricePerMessage", 0, "currency", "EUR"));
			result.put("status", status);
			result.put("error", error);
			result.put("callbackData", message.callbackData());
			return (Object) result;
		}).toList();
		boolean xml = "application/xml".equalsIgnoreCase(trim(message.notifyContentType()));
		String body = xml
				? "<reportResponse>" + Payloads.xml("results", Map.of("result", results)) + "</reportResponse>"
				: Payloads.json(Map.of("results", results));
		return post(url, xml ? "application/xml" : "application/json", body);
	}

	private int tracking(ReceivedMessage message, String type, @Nullable String clickedUrl) {
		String url = required(message.trackingUrl(), "X-IB-tracking-url", message);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("notificationType", type);
		event.put("eventId", UUID.randomUUID().toString());
		String recipient = message.envelopeRecipients().isEmpty() ? null : message.envelopeRecipients().get(0);
		event.put("domain", (recipient != null) ? recipient.substring(recipient.lastIndexOf('@') + 1) : null);
		event.put("recipient", recipient);
		event.put("sender", message.envelopeSender());
		event.put("url", clickedUrl);
		event.put("sendDateTime", System.currentTimeMillis());
		event.put("messageId", message.messageId());
		event.put("bulkId", message.bulkId());
		event.put("callbackData", message.callbackData());
		return post(url, "application/json", Payloads.json(event));
	}

	private int post(String url, String contentType, String body) {
		URI uri = URI.create(url);
		HttpRequest.Builder request = HttpRequest.newBuilder()
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (uri.getRawUserInfo() != null) {
			// HttpClient ignores user info; Infobip sends it as Basic credentials
			String userInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
			uri = URI.create(url.replaceFirst("://[^@/]*@", "://"));
		}
		try {
			return this.http.send(request.uri(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			// host and path only: the query and user info hold the credentials
			throw new IllegalStateException("Could not post to " + uri.getScheme() + "://" + uri.getHost() + ":"
					+ uri.getPort() + uri.getPath() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while posting", ex);
		}
	}

	private static String required(@Nullable String url, String header, ReceivedMessage message) {
		if (url == null || url.isBlank()) {
			throw new IllegalStateException(message + " has no " + header
					+ " header: enable the webhook (infobip.smtp.webhook.enabled=true) in a test whose server runs"
					+ " (webEnvironment = RANDOM_PORT), or set the URL");
		}
		return url.trim();
	}

	private static @Nullable String trim(@Nullable String value) {
		return (value != null) ? value.trim() : null;
	}

	private static Map<String, Object> status(int groupId, String groupName, int id, String name, String description) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("groupId", groupId);
		status.put("groupName", groupName);
		status.put("id", id);
		status.put("name", name);
		status.put("description", description);
		return status;
	}

	private static Map<String, Object> error(int groupId, String groupName, int id, String name, String description,
			boolean permanent) {
		Map<String, Object> error = status(groupId, groupName, id, name, description);
		error.put("permanent", permanent);
		return error;
	}

}

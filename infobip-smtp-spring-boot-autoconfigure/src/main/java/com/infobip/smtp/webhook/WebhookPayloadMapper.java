/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Maps the tree of a webhook body to reports, leniently: unknown fields are ignored,
 * missing or unreadable ones are {@code null}. A field that must have one value but is an
 * XML element repeated under its parent is refused, rather than read as {@code null}.
 */
final class WebhookPayloadMapper {

	// Infobip writes offsets without a colon, such as 2019-11-09T16:00:00.000+0000
	private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.toFormatter();

	private static final int MAX_DECIMAL_LENGTH = 64;

	private static final int MAX_DECIMAL_SCALE = 64;

	private WebhookPayloadMapper() {
	}

	/**
	 * Map the results of a delivery-report body, all of them before any is published.
	 * @param body the body's tree
	 * @param maxResults the most results one body may carry
	 * @return the reports
	 * @throws TooManyResultsException if the body carries more than maxResults results
	 */
	static List<DeliveryReport> deliveryReports(Map<String, Object> body, int maxResults) {
		if (!body.containsKey("results")) {
			throw new MalformedPayloadException("no results");
		}
		List<Object> results = WebhookPayloadReader.list(field(body, "results"));
		if (results.size() > maxResults) {
			throw new TooManyResultsException(maxResults);
		}
		List<DeliveryReport> reports = new ArrayList<>(results.size());
		for (Object result : results) {
			if (result instanceof Map<?, ?> map) {
				reports.add(deliveryReport(map));
			}
		}
		return reports;
	}

	static TrackingNotification trackingNotification(Map<String, Object> body) {
		Map<?, ?> info = map(field(body, "recipientInfo"));
		Map<?, ?> geo = map(field(body, "geoLocation"));
		String type = text(field(body, "notificationType"));
		if (type == null) {
			throw new MalformedPayloadException("no notificationType");
		}
		return new TrackingNotification(TrackingNotificationType.of(type), text(field(body, "eventId")),
				text(field(body, "domain")), text(field(body, "recipient")), text(field(body, "sender")),
				text(field(body, "url")), epochMillis(field(body, "sendDateTime")), text(field(body, "messageId")),
				text(field(body, "bulkId")), text(field(body, "callbackData")),
				(info != null) ? new TrackingNotification.RecipientInfo(text(field(info, "deviceType")),
						text(field(info, "os")), text(field(info, "deviceName"))) : null,
				(geo != null) ? new TrackingNotification.GeoLocation(text(field(geo, "countryName")),
						text(field(geo, "city"))) : null);
	}

	private static DeliveryReport deliveryReport(Map<?, ?> result) {
		Map<?, ?> price = map(field(result, "price"));
		Map<?, ?> status = map(field(result, "status"));
		Map<?, ?> error = map(field(result, "error"));
		Integer count = integer(field(result, "messageCount"));
		return new DeliveryReport(text(field(result, "bulkId")), text(field(result, "messageId")),
				text(field(result, "to")), timestamp(field(result, "sentAt")), timestamp(field(result, "doneAt")),
				(count != null) ? count : integer(field(result, "smsCount")),
				(price != null) ? new DeliveryReport.Price(
						decimal(field(price, "pricePerMessage")), text(field(price, "currency"))) : null,
				status(status),
				(error != null) ? new DeliveryReport.ReportError(integer(field(error, "groupId")),
						text(field(error, "groupName")), integer(field(error, "id")), text(field(error, "name")),
						text(field(error, "description")), bool(field(error, "permanent"))) : null,
				text(field(result, "callbackData")));
	}

	private static DeliveryReport.Status status(@Nullable Map<?, ?> status) {
		if (status == null) {
			return new DeliveryReport.Status(DeliveryStatusGroup.UNKNOWN, null, null, null, null, null, null);
		}
		String groupName = text(field(status, "groupName"));
		String groupId = text(field(status, "groupId"));
		return new DeliveryReport.Status(DeliveryStatusGroup.of(groupName, groupId), integer(groupId), groupName,
				integer(field(status, "id")), text(field(status, "name")), text(field(status, "action")),
				text(field(status, "description")));
	}

	/**
	 * Return the value of a field that has one value at most.
	 */
	private static @Nullable Object field(Map<?, ?> object, String name) {
		Object value = object.get(name);
		if (WebhookPayloadReader.repeated(value)) {
			throw new MalformedPayloadException("element " + name + " is repeated");
		}
		return value;
	}

	private static @Nullable Map<?, ?> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? map : null;
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String text) ? text : null;
	}

	private static @Nullable Integer integer(@Nullable Object value) {
		try {
			return (value instanceof String text) ? Integer.valueOf(text.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable BigDecimal decimal(@Nullable Object value) {
		// bounded, so that neither parsing nor the caller's toPlainString() can be made
		// to take unbounded time or memory
		if (!(value instanceof String text) || text.length() > MAX_DECIMAL_LENGTH) {
			return null;
		}
		try {
			BigDecimal decimal = new BigDecimal(text.trim());
			return (Math.abs((long) decimal.scale()) <= MAX_DECIMAL_SCALE) ? decimal : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Boolean bool(@Nullable Object value) {
		return (value instanceof String text) ? Boolean.valueOf(text.trim()) : null;
	}

	private static @Nullable OffsetDateTime timestamp(@Nullable Object value) {
		try {
			return (value instanceof String text) ? OffsetDateTime.parse(text.trim(), TIMESTAMP) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Instant epochMillis(@Nullable Object value) {
		if (!(value instanceof String text)) {
			return null;
		}
		try {
			return Instant.ofEpochMilli(Long.parseLong(text.trim()));
		}
		catch (NumberFormatException ex) {
			try {
				return OffsetDateTime.parse(text.trim(), TIMESTAMP).toInstant();
			}
			catch (DateTimeParseException notATimestamp) {
				return null;
			}
		}
	}

}

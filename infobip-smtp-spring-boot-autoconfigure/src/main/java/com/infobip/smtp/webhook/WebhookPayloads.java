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
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The bodies Infobip posts, in the shape Jackson binds them to, and their conversion into
 * the published records. Every value is bound as the text it was written as, a JSON
 * number included (so no digit is lost and no exponent expanded), and converted here,
 * leniently: a value that cannot be read is {@code null}.
 */
final class WebhookPayloads {

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

	private WebhookPayloads() {
	}

	/**
	 * Return the reports of a delivery-report body, all of them before any is published.
	 * @param body the body
	 * @param maxResults the most results one body may carry
	 * @return the reports
	 * @throws MalformedPayloadException if the body has no results
	 * @throws TooManyResultsException if the body carries more than maxResults results
	 */
	static List<DeliveryReport> deliveryReports(DeliveryReports body, int maxResults) {
		List<@Nullable Result> results = body.results();
		if (results == null) {
			throw new MalformedPayloadException("no results");
		}
		if (results.size() > maxResults) {
			throw new TooManyResultsException(maxResults);
		}
		return results.stream().filter(Objects::nonNull).map(Result::toReport).toList();
	}

	/**
	 * A delivery-report body as JSON: {@code {"results":[…]}}.
	 */
	record DeliveryReports(@Nullable List<@Nullable Result> results) {
	}

	/**
	 * A delivery-report body as XML:
	 * {@code <reportResponse><results><result>…</result>…</results></reportResponse>}.
	 */
	record XmlDeliveryReports(@Nullable Results results) {

		DeliveryReports unwrap() {
			return new DeliveryReports((this.results != null) ? this.results.result() : null);
		}

		record Results(@Nullable List<@Nullable Result> result) {
		}

	}

	/**
	 * One result of a delivery report.
	 */
	record Result(@Nullable String bulkId, @Nullable String messageId, @Nullable String to, @Nullable String sentAt,
			@Nullable String doneAt, @Nullable String messageCount, @Nullable String smsCount, @Nullable Price price,
			@Nullable Status status, @Nullable ReportError error, @Nullable String callbackData) {

		DeliveryReport toReport() {
			Integer count = integer(this.messageCount);
			return new DeliveryReport(this.bulkId, this.messageId, this.to, timestamp(this.sentAt),
					timestamp(this.doneAt), (count != null) ? count : integer(this.smsCount),
					(this.price != null) ? this.price.toPrice() : null,
					(this.status != null) ? this.status.toStatus() : Status.UNKNOWN,
					(this.error != null) ? this.error.toError() : null, this.callbackData);
		}

	}

	record Price(@Nullable String pricePerMessage, @Nullable String currency) {

		DeliveryReport.Price toPrice() {
			return new DeliveryReport.Price(decimal(this.pricePerMessage), this.currency);
		}

	}

	record Status(@Nullable String groupId, @Nullable String groupName, @Nullable String id, @Nullable String name,
			@Nullable String action, @Nullable String description) {

		static final DeliveryReport.Status UNKNOWN = new DeliveryReport.Status(DeliveryStatusGroup.UNKNOWN, null, null,
				null, null, null, null);

		DeliveryReport.Status toStatus() {
			return new DeliveryReport.Status(DeliveryStatusGroup.of(this.groupName, this.groupId),
					integer(this.groupId), this.groupName, integer(this.id), this.name, this.action, this.description);
		}

	}

	record ReportError(@Nullable String groupId, @Nullable String groupName, @Nullable String id, @Nullable String name,
			@Nullable String description, @Nullable String permanent) {

		DeliveryReport.ReportError toError() {
			return new DeliveryReport.ReportError(integer(this.groupId), this.groupName, integer(this.id), this.name,
					this.description, (this.permanent != null) ? Boolean.valueOf(this.permanent.trim()) : null);
		}

	}

	/**
	 * A tracking notification, in JSON as in XML. The recipient's device and location are
	 * text only, so they are bound to the published records directly.
	 */
	record Tracking(@Nullable String notificationType, @Nullable String eventId, @Nullable String domain,
			@Nullable String recipient, @Nullable String sender, @Nullable String url, @Nullable String sendDateTime,
			@Nullable String messageId, @Nullable String bulkId, @Nullable String callbackData,
			TrackingNotification.@Nullable RecipientInfo recipientInfo,
			TrackingNotification.@Nullable GeoLocation geoLocation) {

		TrackingNotification toNotification() {
			if (this.notificationType == null) {
				throw new MalformedPayloadException("no notificationType");
			}
			return new TrackingNotification(TrackingNotificationType.of(this.notificationType), this.eventId,
					this.domain, this.recipient, this.sender, this.url, epochMillis(this.sendDateTime), this.messageId,
					this.bulkId, this.callbackData, this.recipientInfo, this.geoLocation);
		}

	}

	private static @Nullable Integer integer(@Nullable String text) {
		try {
			return (text != null) ? Integer.valueOf(text.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable BigDecimal decimal(@Nullable String text) {
		// bounded, so that neither parsing nor the caller's toPlainString() can be made
		// to take unbounded time or memory
		if (text == null || text.length() > MAX_DECIMAL_LENGTH) {
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

	private static @Nullable OffsetDateTime timestamp(@Nullable String text) {
		try {
			return (text != null) ? OffsetDateTime.parse(text.trim(), TIMESTAMP) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Instant epochMillis(@Nullable String text) {
		if (text == null) {
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

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An Infobip open, click, complaint, late bounce or unsubscribe notification. Fields
 * Infobip did not send are {@code null}; ids are kept as text, digit for digit.
 *
 * @param type the kind of notification
 * @param eventId the id of this event, for de-duplication
 * @param domain the sending domain
 * @param recipient the recipient
 * @param sender the sender
 * @param url the clicked URL, for clicks
 * @param sendDateTime when the message was sent
 * @param messageId the id the relay queued the message as
 * @param bulkId the bulk id of the sending
 * @param callbackData the X-IB-callback-data of the message
 * @param recipientInfo the recipient's device, if known
 * @param geoLocation the recipient's location, if known
 * @since 0.1.0
 */
public record TrackingNotification(TrackingNotificationType type, @Nullable String eventId, @Nullable String domain,
		@Nullable String recipient, @Nullable String sender, @Nullable String url, @Nullable Instant sendDateTime,
		@Nullable String messageId, @Nullable String bulkId, @Nullable String callbackData,
		@Nullable RecipientInfo recipientInfo, @Nullable GeoLocation geoLocation) {

	/**
	 * The recipient's device.
	 *
	 * @param deviceType the device type
	 * @param os the operating system
	 * @param deviceName the device name
	 */
	public record RecipientInfo(@Nullable String deviceType, @Nullable String os, @Nullable String deviceName) {
	}

	/**
	 * The recipient's location.
	 *
	 * @param countryName the country
	 * @param city the city
	 */
	public record GeoLocation(@Nullable String countryName, @Nullable String city) {
	}

}

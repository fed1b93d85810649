/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Kinds of tracking notification Infobip posts to the tracking URL.
 *
 * @since 0.1.0
 */
public enum TrackingNotificationType {

	/** The recipient opened the message. */
	OPENED,

	/** The recipient clicked a link. */
	CLICKED,

	/** The recipient marked the message as spam. */
	COMPLAINED,

	/** The message bounced after it was reported delivered. */
	LATE_BOUNCE,

	/** The recipient unsubscribed. */
	UNSUBSCRIBED,

	/** A kind this version does not know. */
	UNKNOWN;

	/**
	 * Return the type with the given name.
	 * @param name the name, such as "OPENED"
	 * @return the type, {@link #UNKNOWN} if none matches
	 */
	public static TrackingNotificationType of(@Nullable String name) {
		if (name != null) {
			String normalized = name.trim().toUpperCase(Locale.ROOT);
			for (TrackingNotificationType type : values()) {
				if (type.name().equals(normalized)) {
					return type;
				}
			}
		}
		return UNKNOWN;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import org.jspecify.annotations.Nullable;

/**
 * Content types Infobip can use when it posts delivery reports to the notify URL.
 *
 * @since 0.1.0
 */
public enum NotifyContentType {

	/** Delivery reports as JSON. */
	APPLICATION_JSON("application/json"),

	/** Delivery reports as XML. */
	APPLICATION_XML("application/xml");

	private final String value;

	NotifyContentType(String value) {
		this.value = value;
	}

	/**
	 * Return the media type as written in the header.
	 * @return the media type
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the content type with the given header value, ignoring case.
	 * @param value the header value
	 * @return the content type, or {@code null} if the value is not one Infobip accepts
	 */
	public static @Nullable NotifyContentType fromValue(String value) {
		for (NotifyContentType candidate : values()) {
			if (candidate.value.equalsIgnoreCase(value.trim())) {
				return candidate;
			}
		}
		return null;
	}

}

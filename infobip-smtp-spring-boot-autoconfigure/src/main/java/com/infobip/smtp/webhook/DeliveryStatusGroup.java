/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Infobip's delivery status groups.
 *
 * @since 0.1.0
 */
public enum DeliveryStatusGroup {

	/** Not delivered yet (group 1). */
	PENDING(1),

	/** Cannot be delivered (group 2). */
	UNDELIVERABLE(2),

	/** Delivered (group 3). */
	DELIVERED(3),

	/** Not delivered in time (group 4). */
	EXPIRED(4),

	/** Refused by Infobip (group 5). */
	REJECTED(5),

	/** A group this version does not know. */
	UNKNOWN(-1);

	private final int id;

	DeliveryStatusGroup(int id) {
		this.id = id;
	}

	/**
	 * Return the group with the given name, or else the given id.
	 * @param name the group name, such as "DELIVERED"
	 * @param id the group id, such as "3"
	 * @return the group, {@link #UNKNOWN} if neither matches
	 */
	public static DeliveryStatusGroup of(@Nullable String name, @Nullable String id) {
		for (DeliveryStatusGroup group : values()) {
			if (name != null && group != UNKNOWN && group.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
				return group;
			}
		}
		for (DeliveryStatusGroup group : values()) {
			if (id != null && group != UNKNOWN && String.valueOf(group.id).equals(id.trim())) {
				return group;
			}
		}
		return UNKNOWN;
	}

}

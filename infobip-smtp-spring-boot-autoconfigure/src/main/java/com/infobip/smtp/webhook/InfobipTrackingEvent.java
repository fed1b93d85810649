/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published for each tracking notification Infobip posted to the tracking URL.
 *
 * @since 0.1.0
 */
public class InfobipTrackingEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final TrackingNotification notification;

	/**
	 * Create an event.
	 * @param source the component that received the notification
	 * @param notification the notification
	 */
	public InfobipTrackingEvent(Object source, TrackingNotification notification) {
		super(source);
		this.notification = notification;
	}

	/**
	 * Return the notification.
	 * @return the notification
	 */
	public TrackingNotification getNotification() {
		return this.notification;
	}

	/**
	 * Return the kind of notification.
	 * @return the type
	 */
	public TrackingNotificationType getType() {
		return this.notification.type();
	}

	/**
	 * Return the id the relay queued the message as.
	 * @return the message id
	 */
	public @Nullable String getMessageId() {
		return this.notification.messageId();
	}

	@Override
	public String toString() {
		return "InfobipTrackingEvent[type=" + getType() + ", messageId=" + getMessageId() + ", eventId="
				+ this.notification.eventId() + "]";
	}

}

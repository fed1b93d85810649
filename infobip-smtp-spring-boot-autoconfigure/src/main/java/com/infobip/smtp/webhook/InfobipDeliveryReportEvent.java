/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published for each result of a delivery report Infobip posted to the notify URL.
 *
 * @since 0.1.0
 */
public class InfobipDeliveryReportEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final DeliveryReport report;

	/**
	 * Create an event.
	 * @param source the component that received the report
	 * @param report the report
	 */
	public InfobipDeliveryReportEvent(Object source, DeliveryReport report) {
		super(source);
		this.report = report;
	}

	/**
	 * Return the report.
	 * @return the report
	 */
	public DeliveryReport getReport() {
		return this.report;
	}

	/**
	 * Return the id the relay queued the message as, which InfobipSendResult reported.
	 * @return the message id
	 */
	public @Nullable String getMessageId() {
		return this.report.messageId();
	}

	/**
	 * Return the bulk id of the sending.
	 * @return the bulk id
	 */
	public @Nullable String getBulkId() {
		return this.report.bulkId();
	}

	/**
	 * Return the status group.
	 * @return the status group
	 */
	public DeliveryStatusGroup getStatusGroup() {
		return this.report.status().group();
	}

	@Override
	public String toString() {
		return "InfobipDeliveryReportEvent[messageId=" + getMessageId() + ", bulkId=" + getBulkId() + ", status="
				+ getStatusGroup() + "]";
	}

}

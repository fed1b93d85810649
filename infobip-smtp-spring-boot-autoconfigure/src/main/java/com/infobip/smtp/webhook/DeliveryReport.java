/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One result of an Infobip delivery report. Fields Infobip did not send are {@code null};
 * ids are kept as text, digit for digit.
 *
 * @param bulkId the bulk id of the sending (X-IB-bulk-id)
 * @param messageId the id the relay queued the message as, as in InfobipSendResult
 * @param to the recipient
 * @param sentAt when the message was sent
 * @param doneAt when the status was reached
 * @param messageCount how many messages this result counts (messageCount or smsCount)
 * @param price the price, if any
 * @param status the delivery status
 * @param error the error, if any
 * @param callbackData the X-IB-callback-data of the message
 * @since 0.1.0
 */
public record DeliveryReport(@Nullable String bulkId, @Nullable String messageId, @Nullable String to,
		@Nullable OffsetDateTime sentAt, @Nullable OffsetDateTime doneAt, @Nullable Integer messageCount,
		@Nullable Price price, Status status, @Nullable ReportError error, @Nullable String callbackData) {

	/**
	 * Price of a message.
	 *
	 * @param pricePerMessage the price per message
	 * @param currency the currency
	 */
	public record Price(@Nullable BigDecimal pricePerMessage, @Nullable String currency) {
	}

	/**
	 * Delivery status.
	 *
	 * @param group the status group
	 * @param groupId the group id
	 * @param groupName the group name
	 * @param id the status id
	 * @param name the status name, such as "DELIVERED_TO_HANDSET"
	 * @param action the recommended action, if any
	 * @param description the description
	 */
	public record Status(DeliveryStatusGroup group, @Nullable Integer groupId, @Nullable String groupName,
			@Nullable Integer id, @Nullable String name, @Nullable String action, @Nullable String description) {
	}

	/**
	 * Delivery error.
	 *
	 * @param groupId the error group id
	 * @param groupName the error group name
	 * @param id the error id
	 * @param name the error name
	 * @param description the description
	 * @param permanent whether the error is permanent
	 */
	public record ReportError(@Nullable Integer groupId, @Nullable String groupName, @Nullable Integer id,
			@Nullable String name, @Nullable String description, @Nullable Boolean permanent) {
	}

}

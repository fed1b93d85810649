/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

/**
 * What became of each message of a batch.
 *
 * @param sent the messages the relay accepted, with their results, in batch order
 * @param failed the messages that were not sent, with why, in batch order
 * @since 0.1.0
 */
public record InfobipBatchResult(Map<MimeMessage, InfobipSendResult> sent, Map<MimeMessage, Exception> failed) {

	/**
	 * Create a result; the maps are copied, keeping their order.
	 */
	public InfobipBatchResult {
		sent = Collections.unmodifiableMap(new LinkedHashMap<>(sent));
		failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
	}

	/**
	 * Return whether every message was sent.
	 * @return whether nothing failed
	 */
	public boolean isAllSent() {
		return this.failed.isEmpty();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.infobip.smtp.InfobipSendResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What the application sent, by the id the relay queued it as and by bulk id, so that
 * delivery reports and tracking events can be matched to it: by the message id, which is
 * the queue id, or else by the bulk id.
 */
@Component
class SentMessages {

	private final Map<String, String> byMessageId = new ConcurrentHashMap<>();

	private final Map<String, String> byBulkId = new ConcurrentHashMap<>();

	void sent(InfobipSendResult result, String subject) {
		if (result.messageId() != null) {
			this.byMessageId.put(result.messageId(), subject);
		}
		if (result.bulkId() != null) {
			this.byBulkId.put(result.bulkId(), subject);
		}
	}

	@Nullable String subjectOf(@Nullable String messageId, @Nullable String bulkId) {
		String subject = (messageId != null) ? this.byMessageId.get(messageId) : null;
		return (subject == null && bulkId != null) ? this.byBulkId.get(bulkId) : subject;
	}

}

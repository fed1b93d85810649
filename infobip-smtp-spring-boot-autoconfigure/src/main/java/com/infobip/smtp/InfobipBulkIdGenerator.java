/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Gives every message without an {@code X-IB-bulk-id} a random one, so that its delivery
 * reports can be matched to what was sent.
 *
 * @since 0.1.0
 */
public class InfobipBulkIdGenerator implements InfobipMessagePostProcessor {

	@Override
	public void postProcess(MimeMessage message) throws MessagingException {
		if (message.getHeader(InfobipHeaders.BULK_ID) == null) {
			message.setHeader(InfobipHeaders.BULK_ID, UUID.randomUUID().toString());
		}
	}

}

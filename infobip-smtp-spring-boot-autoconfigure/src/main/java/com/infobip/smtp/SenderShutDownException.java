/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.List;
import java.util.Map;

/**
 * The sender was shut down before the message was sent: nothing of it reached the relay,
 * and it may be sent again once a sender runs.
 *
 * @since 0.1.0
 */
public class SenderShutDownException extends InfobipSendException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the description
	 */
	public SenderShutDownException(String message) {
		super(message, null, 0, 0, List.of(), Map.of());
	}

	@Override
	public SendOutcome getOutcome() {
		return SendOutcome.FAILED;
	}

}

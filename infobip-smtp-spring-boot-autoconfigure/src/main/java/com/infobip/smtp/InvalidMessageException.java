/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailPreparationException;

/**
 * Thrown when a message is refused before any connection is opened: it has no sender or
 * no recipient, its sender domain is not allowed, it is too large, or one of its Infobip
 * headers has a value that must not be sent. Nothing of such a message reaches the relay.
 *
 * @since 0.1.0
 */
public class InvalidMessageException extends MailPreparationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message.
	 * @param message what is wrong with the message
	 */
	public InvalidMessageException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message and a cause.
	 * @param message what is wrong with the message
	 * @param cause the cause
	 */
	public InvalidMessageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

/**
 * A webhook body that cannot be read; answered with 400 and this short reason.
 */
final class MalformedPayloadException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param reason a short reason, safe to return to the caller
	 */
	MalformedPayloadException(String reason) {
		super(reason);
	}

}

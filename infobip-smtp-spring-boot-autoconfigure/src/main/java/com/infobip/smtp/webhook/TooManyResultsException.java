/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

/**
 * A delivery-report body with more results than one call may carry; answered with 413 and
 * this short reason, before any of its reports is published.
 */
final class TooManyResultsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	TooManyResultsException(int maxResults) {
		super("more than " + maxResults + " results");
	}

}

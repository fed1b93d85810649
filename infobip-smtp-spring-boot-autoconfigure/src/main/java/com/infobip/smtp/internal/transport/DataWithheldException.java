/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

/**
 * The callback run before a message's data threw: the connection was closed before any of
 * the data was written, so the relay discards the transaction and the message is not
 * sent. Carries the callback's exception, for the caller to see as it was thrown; never
 * retried.
 */
public final class DataWithheldException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DataWithheldException(RuntimeException cause) {
		super("Data withheld: " + cause.getMessage(), cause, false, false);
	}

	@Override
	public synchronized RuntimeException getCause() {
		return (RuntimeException) super.getCause();
	}

}

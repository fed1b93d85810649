/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

/**
 * A fault {@link InfobipSmtpTestRelay#failNext(RelayFault)} injects into the next
 * connection, AUTH, recipient or message it applies to.
 *
 * @since 0.1.0
 */
public enum RelayFault {

	/**
	 * Greet the next connection with "421 4.7.0 Service not available" and close it.
	 */
	GREETING_421,

	/**
	 * Refuse the next AUTH with "535 5.7.8 Authentication credentials invalid".
	 */
	AUTH_535,

	/**
	 * Answer the next RCPT TO with "451 4.3.0 Temporary failure", which a sender retries.
	 */
	RCPT_451,

	/**
	 * Answer the next RCPT TO with "550 5.1.1 Recipient address rejected".
	 */
	RCPT_550,

	/**
	 * Read the next message whole, then answer its end of data with "554 5.7.1 Message
	 * refused"; the message is not received.
	 */
	DATA_554,

	/**
	 * Read the next message whole and queue it, then close the connection without a
	 * reply: the client cannot know whether it was taken. The message is received.
	 */
	DROP_AFTER_DATA,

	/**
	 * Read the next message whole and queue it, then never answer, until the relay is
	 * {@link InfobipSmtpTestRelay#reset() reset} or stopped: the client's read timeout
	 * decides. The message is received.
	 */
	HANG_AFTER_DATA

}

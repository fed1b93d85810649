/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

/**
 * Step of an SMTP exchange at which a send failed.
 *
 * @since 0.1.0
 */
public enum SmtpPhase {

	/** Opening the connection: TCP, greeting, EHLO, TLS or STARTTLS. */
	CONNECT,

	/** AUTH. */
	AUTH,

	/** MAIL FROM. */
	MAIL,

	/** RCPT TO. */
	RCPT,

	/** DATA and the transfer of the message. */
	DATA,

	/** After the end-of-data dot was sent, waiting for the relay's verdict. */
	END_OF_DATA

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

/**
 * How a connection to the relay is secured. There is deliberately no plain-text mode.
 *
 * @since 0.1.0
 */
public enum SmtpSecurity {

	/**
	 * Connect in plain text and upgrade with STARTTLS before anything else, as on ports
	 * 587 and 25. A server that does not offer STARTTLS is refused.
	 */
	STARTTLS,

	/**
	 * TLS from the first byte (implicit TLS), as on port 465.
	 */
	TLS;

	/**
	 * Return the security a port implies: TLS for 465, STARTTLS otherwise.
	 * @param port the port
	 * @return the implied security
	 */
	public static SmtpSecurity forPort(int port) {
		return (port == 465) ? TLS : STARTTLS;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Angus Mail's logging of the starter's transport under Angus Mail's own category.
 * Angus names an SMTP transport's java.util.logging logger after the transport class's
 * package, here {@code com.infobip.smtp.internal.transport}: under {@code com.infobip},
 * whose DEBUG users switch on to diagnose the starter, its FINE records (every recipient
 * as "Verified Addresses", whole relay replies, refused addresses with stack traces)
 * would be logged. Instead every record logged there is logged as
 * {@code org.eclipse.angus.mail.smtp}, the category Angus uses for stock senders, and
 * only as that category's level allows; the level the transport logs at follows that
 * category too. The protocol trace (whole messages, the webhook token) stays off whatever
 * the levels.
 * <p>
 * Applied again for every transport, so that a logging system that resets
 * java.util.logging levels (Logback's LevelChangePropagator does) changes nothing for
 * longer than until the next connection opens.
 */
final class JakartaMailLogging {

	/** The category Angus Mail's SMTP transport logs under for stock senders. */
	static final String ANGUS_SMTP_CATEGORY = "org.eclipse.angus.mail.smtp";

	// held here, so that java.util.logging keeps their level and filter
	private static final Logger TRANSPORT = Logger.getLogger(InfobipSmtpTransport.class.getPackageName());

	private static final Logger PROTOCOL_TRACE = Logger
		.getLogger(InfobipSmtpTransport.class.getPackageName() + ".protocol");

	private static final Logger ANGUS_SMTP = Logger.getLogger(ANGUS_SMTP_CATEGORY);

	private static final Filter RELOG_AS_ANGUS = (record) -> {
		if (ANGUS_SMTP.isLoggable(record.getLevel())) {
			record.setLoggerName(ANGUS_SMTP_CATEGORY);
			ANGUS_SMTP.log(record);
		}
		// never under the starter's category
		return false;
	};

	private JakartaMailLogging() {
	}

	/**
	 * Route the transport's logging to Angus Mail's category, and keep the protocol trace
	 * off.
	 */
	static void apply() {
		PROTOCOL_TRACE.setLevel(Level.OFF);
		if (TRANSPORT.getFilter() != RELOG_AS_ANGUS) {
			TRANSPORT.setFilter(RELOG_AS_ANGUS);
		}
		TRANSPORT.setLevel(effectiveLevel(ANGUS_SMTP));
	}

	private static Level effectiveLevel(Logger logger) {
		for (Logger current = logger; current != null; current = current.getParent()) {
			if (current.getLevel() != null) {
				return current.getLevel();
			}
		}
		return Level.INFO;
	}

}

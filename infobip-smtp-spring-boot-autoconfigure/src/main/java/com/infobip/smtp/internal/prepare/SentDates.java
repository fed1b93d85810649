/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import java.util.Date;
import java.util.function.LongSupplier;

import jakarta.mail.internet.MailDateFormat;

/**
 * The {@code Date} header of a message sent now, exactly as
 * {@code MimeMessage.setSentDate} writes it, formatted once per second.
 * {@code setSentDate} formats with one {@link MailDateFormat} shared by every message of
 * the JVM, under a lock on it that the sending threads queue on.
 */
final class SentDates {

	private final LongSupplier clock;

	// guarded by itself: a SimpleDateFormat is not thread-safe
	private final MailDateFormat format = new MailDateFormat();

	private volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

	SentDates() {
		this(System::currentTimeMillis);
	}

	/**
	 * Create the dates of a clock.
	 * @param clock the current time in milliseconds since the epoch
	 */
	SentDates(LongSupplier clock) {
		this.clock = clock;
	}

	/**
	 * Return the header value for the current second.
	 * @return the date, as {@link MailDateFormat} writes it
	 */
	String now() {
		long second = Math.floorDiv(this.clock.getAsLong(), 1000);
		Formatted last = this.last;
		if (last.second() == second) {
			return last.text();
		}
		String text;
		synchronized (this.format) {
			text = this.format.format(new Date(second * 1000));
		}
		// a thread that formatted an earlier second may write after this one: the next
		// call then formats again, and each value is right for its own second
		this.last = new Formatted(second, text);
		return text;
	}

	private record Formatted(long second, String text) {

	}

}

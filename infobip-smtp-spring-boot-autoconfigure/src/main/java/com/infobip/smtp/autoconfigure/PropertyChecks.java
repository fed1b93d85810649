/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

/**
 * The one way a property value that cannot work is refused: an
 * {@link InfobipSmtpConfigurationException} that names the property, shows the value and
 * says what to set. Property names are given without the {@code infobip.smtp.} prefix.
 */
final class PropertyChecks {

	static final String PREFIX = "infobip.smtp.";

	private PropertyChecks() {
	}

	static Duration positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InfobipSmtpConfigurationException(PREFIX + property + "=" + value + " is not positive.",
					"Set " + PREFIX + property + " to a positive duration.");
		}
		return value;
	}

	static int atLeastOne(String property, int value) {
		if (value < 1) {
			throw new InfobipSmtpConfigurationException(PREFIX + property + "=" + value + " is less than 1.",
					"Set " + PREFIX + property + " to 1 or more.");
		}
		return value;
	}

	/**
	 * Check an exponential back-off: positive waits, the longest no shorter than the
	 * first, a multiplier of 1 or more.
	 * @param initialProperty the first wait's property
	 * @param multiplierProperty the multiplier's property
	 * @param maxProperty the longest wait's property
	 */
	static void backOff(String initialProperty, Duration initial, String multiplierProperty, double multiplier,
			String maxProperty, Duration max) {
		positive(initialProperty, initial);
		positive(maxProperty, max);
		if (Double.isNaN(multiplier) || multiplier < 1) {
			throw new InfobipSmtpConfigurationException(
					PREFIX + multiplierProperty + "=" + multiplier
							+ (Double.isNaN(multiplier) ? " is not a number." : " is less than 1."),
					"Set " + PREFIX + multiplierProperty + " to 1 (constant backoff) or more, for instance 2.");
		}
		if (max.compareTo(initial) < 0) {
			throw new InfobipSmtpConfigurationException(PREFIX + maxProperty + "=" + max + " is shorter than " + PREFIX
					+ initialProperty + "=" + initial + ".",
					"Set " + PREFIX + maxProperty + " to at least " + PREFIX + initialProperty + ".");
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipMailSenderBuilder;

/**
 * Applies {@code infobip.smtp.pool.*}, {@code retry.*} and {@code async.*} to the
 * sender's builder, failing with what to set when a value cannot work.
 */
final class SendingSettingsFactory {

	private SendingSettingsFactory() {
	}

	static void applyPool(InfobipSmtpProperties properties, InfobipMailSenderBuilder builder) {
		InfobipSmtpProperties.Pool pool = properties.getPool();
		if (pool.isEnabled()) {
			builder.pool(maxConnections(properties), positive("pool.max-wait", pool.getMaxWait()),
					positive("pool.idle-timeout", pool.getIdleTimeout()),
					atLeastOne("pool.max-messages-per-connection", pool.getMaxMessagesPerConnection()));
		}
	}

	static void applyRetry(InfobipSmtpProperties properties, InfobipMailSenderBuilder builder) {
		InfobipSmtpProperties.Retry retry = properties.getRetry();
		Duration initial = positive("retry.initial-backoff", retry.getInitialBackoff());
		Duration max = positive("retry.max-backoff", retry.getMaxBackoff());
		if (retry.getMultiplier() < 1) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.retry.multiplier=" + retry.getMultiplier() + " is less than 1.",
					"Set infobip.smtp.retry.multiplier to 1 (constant backoff) or more, for instance 2.");
		}
		if (max.compareTo(initial) < 0) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.retry.max-backoff=" + max + " is shorter than infobip.smtp.retry.initial-backoff="
							+ initial + ".",
					"Set infobip.smtp.retry.max-backoff to at least infobip.smtp.retry.initial-backoff.");
		}
		builder.retry(atLeastOne("retry.max-attempts", retry.getMaxAttempts()), initial, retry.getMultiplier(), max);
	}

	static int maxConnections(InfobipSmtpProperties properties) {
		return atLeastOne("pool.max-connections", properties.getPool().getMaxConnections());
	}

	static int queueCapacity(InfobipSmtpProperties properties) {
		return atLeastOne("async.queue-capacity", properties.getAsync().getQueueCapacity());
	}

	static int atLeastOne(String property, int value) {
		if (value < 1) {
			throw new InfobipSmtpConfigurationException("infobip.smtp." + property + "=" + value + " is less than 1.",
					"Set infobip.smtp." + property + " to 1 or more.");
		}
		return value;
	}

	static Duration positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InfobipSmtpConfigurationException("infobip.smtp." + property + "=" + value + " is not positive.",
					"Set infobip.smtp." + property + " to a positive duration.");
		}
		return value;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.infobip.smtp.InfobipMailSenderBuilder;
import com.infobip.smtp.internal.transport.EnvelopeAddresses;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;

/**
 * The one place where {@code infobip.smtp.*} reaches the sender's builder: pool, retries,
 * pipelining, async sizes, shutdown, default sender, size limit, allowed sender domains
 * and region. A value that cannot work fails the start naming the property
 * ({@link PropertyChecks}).
 */
final class SenderPropertiesMapper {

	private SenderPropertiesMapper() {
	}

	static void apply(InfobipSmtpProperties properties, InfobipMailSenderBuilder builder) {
		PropertyMapper map = PropertyMapper.get();
		InfobipSmtpPoolProperties pool = properties.getPool();
		map.from(pool)
			.when(InfobipSmtpPoolProperties::isEnabled)
			.to((enabled) -> builder.pool(maxConnections(properties),
					PropertyChecks.positive("pool.max-wait", pool.getMaxWait()),
					PropertyChecks.positive("pool.idle-timeout", pool.getIdleTimeout()),
					PropertyChecks.atLeastOne("pool.max-messages-per-connection", pool.getMaxMessagesPerConnection())));
		applyRetry(properties.getRetry(), builder);
		map.from(properties::isPipelining).to(builder::pipelining);
		map.from(() -> maxConnections(properties))
			.to((connections) -> builder.asyncConcurrency(connections).batchParallelism(connections));
		map.from(properties.getAsync()::getQueueCapacity)
			.as((capacity) -> PropertyChecks.atLeastOne("async.queue-capacity", capacity))
			.to(builder::asyncQueueCapacity);
		map.from(properties::getShutdownTimeout)
			.as((timeout) -> PropertyChecks.positive("shutdown-timeout", timeout))
			.to(builder::shutdownTimeout);
		map.from(() -> defaultFrom(properties)).to(builder::defaultFrom);
		map.from(() -> maxMessageSize(properties)).to(builder::maxMessageSize);
		map.from(() -> allowedSenderDomains(properties)).to(builder::allowedSenderDomains);
		map.from(() -> ConnectionSettingsMapper.regionName(properties)).to(builder::region);
	}

	static int maxConnections(InfobipSmtpProperties properties) {
		return PropertyChecks.atLeastOne("pool.max-connections", properties.getPool().getMaxConnections());
	}

	private static void applyRetry(InfobipSmtpRetryProperties retry, InfobipMailSenderBuilder builder) {
		PropertyChecks.backOff("retry.initial-backoff", retry.getInitialBackoff(), "retry.multiplier",
				retry.getMultiplier(), "retry.max-backoff", retry.getMaxBackoff());
		builder.retry(PropertyChecks.atLeastOne("retry.max-attempts", retry.getMaxAttempts()),
				retry.getInitialBackoff(), retry.getMultiplier(), retry.getMaxBackoff());
	}

	static @Nullable InternetAddress defaultFrom(InfobipSmtpProperties properties) {
		String value = properties.getDefaultFrom();
		if (!StringUtils.hasText(value)) {
			return null;
		}
		InternetAddress address;
		try {
			address = new InternetAddress(value, true);
		}
		catch (AddressException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.default-from is not a valid email address: " + ex.getMessage(),
					"Set infobip.smtp.default-from to an address such as 'Shop <shop@example.com>'.");
		}
		try {
			EnvelopeAddresses.toWire(address.getAddress());
		}
		catch (IllegalArgumentException ex) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.default-from cannot be sent as an envelope sender: it " + ex.getMessage() + ".",
					"Set infobip.smtp.default-from to an address with an ASCII local part, such as 'Shop <shop@example.com>'.");
		}
		String domain = EnvelopeAddresses.domainOf(address.getAddress());
		List<String> allowed = allowedSenderDomains(properties);
		if (!allowed.isEmpty() && !allowed.contains(domain)) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.default-from uses domain '" + domain
							+ "', which is not in infobip.smtp.allowed-sender-domains " + allowed + ".",
					"Add '" + domain + "' to infobip.smtp.allowed-sender-domains or change infobip.smtp.default-from.");
		}
		return address;
	}

	static List<String> allowedSenderDomains(InfobipSmtpProperties properties) {
		List<String> domains = properties.getAllowedSenderDomains()
			.stream()
			.map((domain) -> domain.trim().toLowerCase(Locale.ROOT))
			.toList();
		List<String> wire = new ArrayList<>(domains.size());
		for (String domain : domains) {
			try {
				if (domain.isEmpty() || domain.contains("@")) {
					throw new IllegalArgumentException("is not a domain");
				}
				// as a sender's domain goes on the wire, and is compared
				wire.add(EnvelopeAddresses.wireDomain(domain).toLowerCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.allowed-sender-domains contains '" + domain + "', which is not a domain.",
						"List domains only, for instance 'example.com,mail.example.com'.");
			}
		}
		return wire;
	}

	static long maxMessageSize(InfobipSmtpProperties properties) {
		long bytes = properties.getMaxMessageSize().toBytes();
		if (bytes <= 0) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.max-message-size=" + properties.getMaxMessageSize() + " is not positive.",
					"Set infobip.smtp.max-message-size to a positive size, for instance 20MB.");
		}
		return bytes;
	}

}

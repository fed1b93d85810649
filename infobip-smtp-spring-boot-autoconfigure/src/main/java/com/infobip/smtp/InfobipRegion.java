/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import org.jspecify.annotations.Nullable;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Infobip SMTP API regions, each with the relay host and the ports it serves.
 *
 * @since 0.1.0
 */
public enum InfobipRegion {

	/** Frankfurt, the recommended default. */
	FRANKFURT("smtp-api.infobip.com", 587, 465, 25),

	/** USA. */
	USA("smtp-api-us.infobip.com", 587, 465, 25),

	/** India (Mumbai). */
	INDIA("smtp-api-mum.infobip.com", 587, 465, 25),

	/** Indonesia. */
	INDONESIA("smtp-api-id.infobip.com", 587, 465, 25),

	/** Middle East and North Africa. */
	MENA("smtp-api-ae2.infobip.com", 587),

	/** Pakistan. */
	PAKISTAN("smtp-api-pk2.infobip.com", 587),

	/** Turkey. */
	TURKEY("smtp-api-tr1.infobip.com", 587),

	/** Saudi Arabia. */
	SAUDI_ARABIA("smtp-api-sa2.infobip.com", 587),

	/** Qatar. */
	QATAR("smtp-api-qa1.infobip.com", 587),

	/** European Union, for Schrems II compliance. */
	EU("smtp-api-eu.infobip.com", 587, 465, 25);

	private final String host;

	private final Set<Integer> ports;

	InfobipRegion(String host, Integer... ports) {
		this.host = host;
		this.ports = Set.of(ports);
	}

	/**
	 * Return the relay host of this region.
	 * @return the host name
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return whether the relay of this region serves the given port.
	 * @param port the port
	 * @return whether the port is served
	 */
	public boolean servesPort(int port) {
		return this.ports.contains(port);
	}

	/**
	 * Return the ports served, for messages: for instance "587, 465, 25".
	 * @return the ports, highest first
	 */
	public String describePorts() {
		return this.ports.stream()
			.sorted((a, b) -> Integer.compare(b, a))
			.map(String::valueOf)
			.collect(Collectors.joining(", "));
	}

	/**
	 * Return the region whose relay host is the given one.
	 * @param host a host name
	 * @return the region, or {@code null} if no region's relay has that host
	 */
	public static @Nullable InfobipRegion ofHost(String host) {
		for (InfobipRegion region : values()) {
			if (region.host.equalsIgnoreCase(host.trim())) {
				return region;
			}
		}
		return null;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.core.Ordered;

/**
 * Writes configured default Infobip headers on every message that does not already carry
 * them: a value set on the message wins. Runs after every other
 * {@link InfobipMessagePostProcessor}.
 *
 * @since 0.1.0
 */
public class InfobipDefaultHeadersPostProcessor implements InfobipMessagePostProcessor, Ordered {

	private final Map<String, String> defaults;

	/**
	 * Create a post-processor writing the given defaults.
	 * @param defaults header values keyed by header name, written in iteration order
	 * @throws InvalidMessageException if a value must not be sent
	 */
	public InfobipDefaultHeadersPostProcessor(Map<String, String> defaults) {
		defaults.forEach(InfobipHeaders::checkValue);
		this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
	}

	/**
	 * Return the default header values.
	 * @return the defaults keyed by header name
	 */
	public Map<String, String> getDefaults() {
		return this.defaults;
	}

	@Override
	public void postProcess(MimeMessage message) throws MessagingException {
		for (Map.Entry<String, String> header : this.defaults.entrySet()) {
			if (message.getHeader(header.getKey()) == null) {
				message.setHeader(header.getKey(), header.getValue());
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

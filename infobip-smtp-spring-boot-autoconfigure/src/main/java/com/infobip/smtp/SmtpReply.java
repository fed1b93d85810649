/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import org.jspecify.annotations.Nullable;

/**
 * A reply of the relay: what it answered, and to which step of the exchange.
 *
 * @param phase the step of the exchange the reply answered
 * @param code the reply code, for instance 250 or 550
 * @param enhancedStatus the enhanced status code (RFC 3463), for instance "5.1.1", if the
 * reply carries one
 * @param text the whole reply, code included, as the relay sent it
 * @since 0.1.0
 */
public record SmtpReply(SmtpPhase phase, int code, @Nullable String enhancedStatus, String text) {

	/**
	 * Return whether the reply is a temporary refusal (4xx): the same message may be
	 * taken later.
	 * @return whether the code is 4xx
	 */
	public boolean isTransient() {
		return this.code >= 400 && this.code < 500;
	}

	/**
	 * Return whether the reply is a permanent refusal (5xx).
	 * @return whether the code is 5xx
	 */
	public boolean isPermanent() {
		return this.code >= 500;
	}

	/**
	 * Return the code and enhanced status only, for instance "550 5.1.1": what a log line
	 * may carry, as the text may name an address.
	 * @return the code and enhanced status
	 */
	public String summary() {
		return (this.enhancedStatus != null) ? this.code + " " + this.enhancedStatus : String.valueOf(this.code);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Callback applied to every message just before it is checked and sent. Beans of this
 * type are picked up by the auto-configuration and applied in order (see
 * {@link org.springframework.core.Ordered}); the built-in
 * {@link InfobipDefaultHeadersPostProcessor} runs last, so headers set here win over the
 * configured defaults.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InfobipMessagePostProcessor {

	/**
	 * Post-process the message, typically to add headers.
	 * @param message the message about to be sent
	 * @throws MessagingException if the message cannot be changed
	 */
	void postProcess(MimeMessage message) throws MessagingException;

}

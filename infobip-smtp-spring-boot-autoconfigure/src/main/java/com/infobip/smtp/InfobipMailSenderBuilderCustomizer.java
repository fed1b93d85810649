/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

/**
 * Customizes the builder of the auto-configured {@link InfobipMailSender} before it is
 * built, so that an application can change a setting without replacing the sender and
 * losing the starter's wiring (executor, observation, pool, retries, lifecycle).
 * Customizer beans are applied in
 * {@link org.springframework.core.annotation.Order @Order} after the starter has applied
 * {@code infobip.smtp.*}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InfobipMailSenderBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, with the starter's settings applied
	 */
	void customize(InfobipMailSenderBuilder builder);

}

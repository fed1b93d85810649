/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.infobip.smtp.SmtpSecurity;

/**
 * Starts an {@link InfobipSmtpTestRelay} for the test's application context and points
 * {@code infobip.smtp.host}, {@code port}, {@code security}, {@code ssl.bundle} and the
 * credentials at it, overriding the application's own configuration (so an
 * {@code api-key: ${INFOBIP_API_KEY}} with no such variable still starts). The relay is a
 * bean to inject, is reset before each test method, and stops with the context.
 * <p>
 * With the webhook enabled ({@code infobip.smtp.webhook.enabled=true}) and neither
 * {@code infobip.smtp.webhook.public-base-url} nor notify or tracking URLs configured,
 * messages sent get notify and tracking URLs that point at the application's own server
 * on its (random) port, so that {@link InfobipSmtpTestRelay#reports()} reaches the
 * application's webhook.
 * <p>
 * Contexts are cached as usual: test classes whose contexts are otherwise the same share
 * one context and its relay; each context has its own relay.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureInfobipSmtpTestRelay {

	/**
	 * How the relay secures connections: STARTTLS as on Infobip's port 587, or implicit
	 * TLS as on port 465.
	 * @return the security
	 */
	SmtpSecurity security() default SmtpSecurity.STARTTLS;

	/**
	 * How the application authenticates with the relay.
	 * @return the kind of credentials set
	 */
	Credentials credentials() default Credentials.API_KEY;

	/**
	 * Whether the relay offers PIPELINING, as Infobip-like production relays do, so that
	 * the test sends as production does; {@code false} for a relay without it, to which
	 * the starter sends one command per round trip.
	 * @return whether the relay offers PIPELINING
	 */
	boolean pipelining() default true;

	/**
	 * The credentials the annotation sets for the application.
	 */
	enum Credentials {

		/**
		 * {@code infobip.smtp.api-key}, sent with user "App".
		 */
		API_KEY,

		/**
		 * {@code infobip.smtp.username} and {@code infobip.smtp.password}.
		 */
		USERNAME_PASSWORD

	}

}

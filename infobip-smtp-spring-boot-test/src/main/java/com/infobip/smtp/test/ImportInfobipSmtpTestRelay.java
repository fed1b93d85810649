/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.infobip.smtp.SmtpSecurity;

import org.springframework.context.annotation.Import;

/**
 * Starts an {@link InfobipSmtpTestRelay} for a running application, outside the Spring
 * TestContext Framework: for a dev-time application in {@code src/test} that runs the
 * real application against the relay, as Spring Boot's {@code @ImportTestcontainers} does
 * for containers. Put it on a configuration class that the dev-time application adds:
 * <pre class="code">
 * public class TestMyApplication {
 *
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(TestRelayConfiguration.class).run(args);
 *     }
 *
 *     &#64;TestConfiguration(proxyBeanMethods = false)
 *     &#64;ImportInfobipSmtpTestRelay
 *     static class TestRelayConfiguration {
 *     }
 *
 * }
 * </pre>
 * <p>
 * As {@link AutoConfigureInfobipSmtpTestRelay} does for a test, and with the same
 * attributes, it points {@code infobip.smtp.host}, {@code port}, {@code security},
 * {@code ssl.bundle} and the credentials at the relay through the highest-precedence
 * property source, registers the relay as a bean (stopped when the context closes), and,
 * with the webhook enabled but no URL configured for it, gives messages notify and
 * tracking URLs on the application's own server, so that
 * {@link InfobipSmtpTestRelay#reports()} reaches its webhook. The relay starts while the
 * configuration classes are processed; none starts while the context is processed ahead
 * of time.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ImportInfobipSmtpTestRelayRegistrar.class)
public @interface ImportInfobipSmtpTestRelay {

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
	AutoConfigureInfobipSmtpTestRelay.Credentials credentials() default AutoConfigureInfobipSmtpTestRelay.Credentials.API_KEY;

	/**
	 * Whether the relay offers PIPELINING, as Infobip-like production relays do;
	 * {@code false} for a relay without it, to which the starter sends one command per
	 * round trip.
	 * @return whether the relay offers PIPELINING
	 */
	boolean pipelining() default true;

}

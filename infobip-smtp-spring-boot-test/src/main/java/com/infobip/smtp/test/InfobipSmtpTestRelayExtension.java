/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * A JUnit Jupiter extension that runs an {@link InfobipSmtpTestRelay} for tests outside
 * Spring: registered with {@code @RegisterExtension} on a static field, one relay serves
 * the class and is reset before each test; on an instance field, each test gets its own.
 * {@link #getRelay()} gives the relay while a test runs. <pre class="code">
 * &#64;RegisterExtension
 * static InfobipSmtpTestRelayExtension relay = new InfobipSmtpTestRelayExtension();
 *
 * &#64;Test
 * void sends() {
 *     InfobipMailSender sender = InfobipMailSender.builder(relay.getRelay().getConnectionSettings()).build();
 *     ...
 *     assertThat(relay.getRelay().awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public class InfobipSmtpTestRelayExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final InfobipSmtpTestRelay.Builder builder;

	private @Nullable InfobipSmtpTestRelay relay;

	private boolean perClass;

	private @Nullable String startedBy;

	/**
	 * Create an extension whose relay requires STARTTLS and offers PIPELINING.
	 */
	public InfobipSmtpTestRelayExtension() {
		this(InfobipSmtpTestRelay.builder());
	}

	/**
	 * Create an extension whose relays the given builder starts, for instance
	 * {@code InfobipSmtpTestRelay.builder().security(SmtpSecurity.TLS).pipelining(false)}.
	 * @param relay the builder of the relays
	 */
	public InfobipSmtpTestRelayExtension(InfobipSmtpTestRelay.Builder relay) {
		this.builder = relay;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// a @Nested class runs inside its enclosing class's relay
		if (this.relay == null) {
			this.relay = this.builder.start();
			this.perClass = true;
			this.startedBy = context.getUniqueId();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.relay == null) {
			this.relay = this.builder.start();
		}
		else {
			this.relay.reset();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.perClass) {
			stop();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (context.getUniqueId().equals(this.startedBy)) {
			stop();
			this.perClass = false;
			this.startedBy = null;
		}
	}

	private void stop() {
		if (this.relay != null) {
			this.relay.close();
			this.relay = null;
		}
	}

	/**
	 * Return the running relay.
	 * @return the relay
	 * @throws IllegalStateException outside a test
	 */
	public InfobipSmtpTestRelay getRelay() {
		if (this.relay == null) {
			throw new IllegalStateException("The Infobip SMTP test relay runs only while a test runs");
		}
		return this.relay;
	}

}

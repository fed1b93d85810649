/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.time.Duration;
import java.util.List;

import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
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
 * <pre class="code">
 * &#64;RegisterExtension
 * static InfobipSmtpTestRelayExtension relay = new InfobipSmtpTestRelayExtension();
 *
 * &#64;Test
 * void sends() {
 *     InfobipMailSender sender = InfobipMailSender.builder(relay.connectionSettings()).build();
 *     ...
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public class InfobipSmtpTestRelayExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final SmtpSecurity security;

	private @Nullable InfobipSmtpTestRelay relay;

	private boolean perClass;

	private @Nullable String startedBy;

	/**
	 * Create an extension whose relay requires STARTTLS.
	 */
	public InfobipSmtpTestRelayExtension() {
		this(SmtpSecurity.STARTTLS);
	}

	/**
	 * Create an extension whose relay secures connections as given.
	 * @param security STARTTLS or implicit TLS
	 */
	public InfobipSmtpTestRelayExtension(SmtpSecurity security) {
		this.security = security;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// a @Nested class runs inside its enclosing class's relay
		if (this.relay == null) {
			this.relay = InfobipSmtpTestRelay.start(this.security);
			this.perClass = true;
			this.startedBy = context.getUniqueId();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.relay == null) {
			this.relay = InfobipSmtpTestRelay.start(this.security);
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
	public InfobipSmtpTestRelay relay() {
		if (this.relay == null) {
			throw new IllegalStateException("The Infobip SMTP test relay runs only while a test runs");
		}
		return this.relay;
	}

	/**
	 * Return settings with which {@code InfobipMailSender.builder(settings)} sends
	 * through the relay.
	 * @return the settings
	 * @see InfobipSmtpTestRelay#connectionSettings()
	 */
	public SmtpConnectionSettings connectionSettings() {
		return relay().connectionSettings();
	}

	/**
	 * Return the messages the relay queued so far.
	 * @return the messages
	 */
	public List<ReceivedMessage> getReceivedMessages() {
		return relay().getReceivedMessages();
	}

	/**
	 * Wait until at least {@code count} messages were queued.
	 * @param count the number of messages
	 * @param timeout how long to wait
	 * @return the messages queued so far
	 * @see InfobipSmtpTestRelay#awaitMessages(int, Duration)
	 */
	public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
		return relay().awaitMessages(count, timeout);
	}

	/**
	 * Inject a fault into the next connection, AUTH, recipient or message it applies to.
	 * @param fault the fault
	 * @return the relay
	 */
	public InfobipSmtpTestRelay failNext(RelayFault fault) {
		return relay().failNext(fault);
	}

	/**
	 * Return the relay's delivery-report simulator.
	 * @return the simulator
	 */
	public DeliveryReportSimulator reports() {
		return relay().reports();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestCredentials;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turning the starter's log category up to the finest level, as
 * {@code logging.level.com.infobip.smtp=TRACE} does for java.util.logging through Spring
 * Boot's Logback set-up, does not log Angus Mail's protocol trace: no message content, no
 * webhook token, no credentials.
 */
class ProtocolTraceTests {

	private static final String CATEGORY = "com.infobip.smtp";

	private final Logger category = Logger.getLogger(CATEGORY);

	private final List<String> logged = new CopyOnWriteArrayList<>();

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			ProtocolTraceTests.this.logged.add(record.getLoggerName() + " " + record.getMessage());
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private Level previousLevel;

	@BeforeEach
	void traceTheStartersCategory() {
		this.previousLevel = this.category.getLevel();
		this.category.setLevel(Level.FINEST);
		this.handler.setLevel(Level.ALL);
		this.category.addHandler(this.handler);
	}

	@AfterEach
	void restore() {
		this.category.removeHandler(this.handler);
		this.category.setLevel(this.previousLevel);
	}

	@Test
	void protocolTraceIsNotLoggedUnderTheStartersCategory() {
		// even a level set on the trace category itself before the first connection
		Logger.getLogger(CATEGORY + ".internal.transport.protocol").setLevel(Level.FINEST);
		try (SmtpTestRelay relay = TestRelays.start()) {
			SenderContextRunners.withMetrics()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.withPropertyValues("infobip.smtp.notify-url=https://shop.example.com/reports?token=webhook-s3cret")
				.run((context) -> {
					SimpleMailMessage message = new SimpleMailMessage();
					message.setFrom("shop@example.com");
					message.setTo("user@example.com");
					message.setSubject("Very personal subject");
					message.setText("Very personal body");
					context.getBean(InfobipMailSender.class).send(message);
					assertThat(relay.getMessages()).hasSize(1);
				});
		}
		assertThat(this.logged).noneMatch((line) -> line.contains("webhook-s3cret"))
			.noneMatch((line) -> line.contains("Very personal"))
			.noneMatch((line) -> line.contains(TestCredentials.API_KEY));
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code sendPrepared(prepared, beforeData)}: the callback runs once the relay accepted
 * the envelope, right before the data; if it throws, nothing of the data is written, the
 * relay queues nothing, the send is not retried and the callback's exception is thrown.
 */
class SendPreparedBeforeDataTests {

	@Test
	void callbackRunsOnceRightBeforeTheDataOfASentMessage() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender) -> {
				AtomicInteger calls = new AtomicInteger();
				InfobipPreparedMessage prepared = sender
					.prepare(TestMessages.multipartHtml(sender, "user@example.com"));
				InfobipSendResult result = sender.sendPrepared(prepared, () -> {
					// the relay has the envelope, not the message
					assertThat(relay.getMessageCount()).isZero();
					calls.incrementAndGet();
				});
				assertThat(calls).hasValue(1);
				assertThat(result.messageId()).isEqualTo(relay.getMessages().get(0).messageId());
			});
		}
	}

	@Test
	void callbackThatThrowsWithholdsTheDataAndItsExceptionIsThrownOnce() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender) -> {
				AtomicInteger calls = new AtomicInteger();
				InfobipPreparedMessage prepared = sender
					.prepare(TestMessages.multipartHtml(sender, "user@example.com"));
				IllegalStateException refusal = new IllegalStateException("not now");
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> sender.sendPrepared(prepared, () -> {
						calls.incrementAndGet();
						throw refusal;
					}))
					.isSameAs(refusal);
				assertThat(calls).as("not retried").hasValue(1);
				assertThat(relay.getMessageCount()).isZero();
				// the connection it held was closed, not given back: the next send works
				InfobipSendResult next = sender.sendPrepared(prepared, () -> {
				});
				assertThat(next.messageId()).isEqualTo(relay.getMessages().get(0).messageId());
				assertThat(relay.getMessageCount()).isOne();
			});
		}
	}

	@Test
	void callbackDoesNotRunWhenTheRelayRefusesTheEnvelope() {
		try (SmtpTestRelay relay = TestRelays.start().failRecipients(10, 550)) {
			run(relay, (sender) -> {
				AtomicInteger calls = new AtomicInteger();
				InfobipPreparedMessage prepared = sender
					.prepare(TestMessages.plainTextMime(sender, "user@example.com"));
				assertThatExceptionOfType(InfobipSendFailedException.class)
					.isThrownBy(() -> sender.sendPrepared(prepared, calls::incrementAndGet));
				assertThat(calls).hasValue(0);
			});
		}
	}

	private static void run(SmtpTestRelay relay, SenderTest test) {
		SenderContextRunners.withMetrics()
			.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.run((context) -> test.run(context.getBean(InfobipMailSender.class)));
	}

	@FunctionalInterface
	interface SenderTest {

		void run(InfobipMailSender sender) throws Exception;

	}

}

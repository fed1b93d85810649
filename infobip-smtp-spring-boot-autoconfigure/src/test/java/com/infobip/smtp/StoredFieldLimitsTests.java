/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.time.Duration;

import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A direct send and the outbox take and refuse the same messages: what the outbox stores
 * of a message (its Message-ID, bulk id and envelope sender) fits its columns whenever a
 * send would take it, and what no send takes is refused up front by both, naming the
 * field, never its value, instead of a database error that carries SQL and the value.
 */
class StoredFieldLimitsTests {

	private static SmtpTestRelay relay;

	@BeforeAll
	static void startRelay() {
		relay = TestRelays.start();
	}

	@AfterAll
	static void stopRelay() {
		relay.close();
	}

	@Test
	void longBulkIdThatFitsOnAHeaderLineIsSentDirectlyAndThroughTheOutbox() {
		String bulkId = "b".repeat(300);
		run((sender, outbox) -> {
			MimeMessage direct = TestMessages.multipartHtml(sender, "user@example.com");
			InfobipMessageHeaders.of(direct).bulkId(bulkId);
			assertThat(sender.sendWithResult(direct).bulkId()).isEqualTo(bulkId);
			MimeMessage queued = TestMessages.multipartHtml(sender, "user@example.com");
			InfobipMessageHeaders.of(queued).bulkId(bulkId);
			String id = outbox.enqueue(queued);
			InfobipOutboxEntry entry = await().atMost(Duration.ofSeconds(10))
				.until(() -> outbox.find(id).orElseThrow(), (found) -> found.status() == InfobipOutboxStatus.SENT);
			assertThat(entry.bulkId()).isEqualTo(bulkId);
		});
	}

	@Test
	void bulkIdLongerThanAHeaderLineIsRefusedByBothNamingTheHeader() {
		String bulkId = "secret-" + "b".repeat(1000);
		run((sender, outbox) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader(InfobipHeaders.BULK_ID, bulkId);
			assertRefusedByBoth(sender, outbox, message, InfobipHeaders.BULK_ID);
		});
	}

	@Test
	void messageIdLongerThanAHeaderLineIsRefusedByBothNamingTheHeader() {
		run((sender, outbox) -> {
			MimeMessage message = TestMessages.multipartHtml(sender, "user@example.com");
			message.setHeader("Message-ID", "<secret-" + "m".repeat(1000) + "@example.com>");
			assertRefusedByBoth(sender, outbox, message, "Message-ID");
		});
	}

	@Test
	void envelopeSenderLongerThanSmtpAllowsIsRefusedByBothNamingIt() {
		run((sender, outbox) -> {
			SMTPMessage message = new SMTPMessage(TestMessages.multipartHtml(sender, "user@example.com"));
			message.setEnvelopeFrom("secret-" + "e".repeat(1000) + "@example.com");
			assertRefusedByBoth(sender, outbox, message, "envelope sender");
		});
	}

	private static void assertRefusedByBoth(InfobipMailSender sender, InfobipMailOutbox outbox, MimeMessage message,
			String field) {
		int received = relay.getMessages().size();
		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
			.withMessageContaining(field)
			.withMessageNotContaining("secret");
		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> outbox.enqueue(message))
			.withMessageContaining(field)
			.withMessageNotContaining("secret");
		assertThat(outbox.countByStatus().values()).allMatch((count) -> count == 0);
		assertThat(relay.getMessages()).hasSize(received);
	}

	private static void run(OutboxTest test) {
		OutboxContexts.withOutbox()
			.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				test.run(context.getBean(InfobipMailSender.class), context.getBean(InfobipMailOutbox.class));
			});
	}

	@FunctionalInterface
	interface OutboxTest {

		void run(InfobipMailSender sender, InfobipMailOutbox outbox) throws Exception;

	}

}

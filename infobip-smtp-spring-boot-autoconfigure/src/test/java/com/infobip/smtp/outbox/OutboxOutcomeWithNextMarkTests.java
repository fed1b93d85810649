/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the sender has a connection for each dispatcher, an entry's outcome is committed
 * with the mark of its dispatcher's next entry: an outcome whose common commit fails is
 * written alone (the next entry's data withheld, sent later), and an outcome the next
 * entry does not take along is written all the same. {@link OutboxSendingMarkTests} shows
 * the bound on entries {@code SENDING} holds, and
 * {@code OutboxOutcomeWithNextMarkPostgresTests} the common transactions.
 */
class OutboxOutcomeWithNextMarkTests {

	@Test
	void outcomeIsWrittenAloneAndTheNextEntrySentLaterWhenTheirCommonCommitFails() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start()) {
			oneDispatcher(relay).run((context) -> {
				InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
				List<String> ids = enqueueStopped(context, 3);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				FailingMarkTrigger.reset();
				jdbc.execute("CREATE TRIGGER FAILING_MARK BEFORE UPDATE ON INFOBIP_SMTP_OUTBOX FOR EACH ROW CALL \""
						+ FailingMarkTrigger.class.getName() + "\"");
				context.getBean(JdbcMailOutbox.class).start();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> outbox.countByStatus().get(InfobipOutboxStatus.SENT) == 3);
				// the second entry's data was withheld when its mark failed, and
				// written once, later
				assertThat(recipients(relay)).containsExactlyInAnyOrder("user0@example.com", "user1@example.com",
						"user2@example.com");
				assertThat(ids).allSatisfy((
						id) -> assertThat(outbox.find(id)).get().extracting(InfobipOutboxEntry::attempts).isEqualTo(1));
			});
		}
	}

	@Test
	void outcomeCarriedPastAnEntryRefusedBeforeItsMarkIsRecorded() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().refuseRecipient("user1@example.com", 550)) {
			oneDispatcher(relay).run((context) -> {
				InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
				List<String> ids = enqueueStopped(context, 3);
				context.getBean(JdbcMailOutbox.class).start();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> outbox.countByStatus().getOrDefault(InfobipOutboxStatus.SENT, 0L) == 2);
				assertThat(outbox.find(ids.get(0))).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.SENT);
				assertThat(outbox.find(ids.get(1))).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.FAILED);
				assertThat(outbox.find(ids.get(2))).get()
					.extracting(InfobipOutboxEntry::status)
					.isEqualTo(InfobipOutboxStatus.SENT);
				assertThat(recipients(relay)).containsExactlyInAnyOrder("user0@example.com", "user2@example.com");
			});
		}
	}

	/**
	 * Return a runner with one dispatcher on one connection, claiming 4 entries at once:
	 * it carries each outcome to the next entry of its batch.
	 */
	private static ApplicationContextRunner oneDispatcher(SmtpTestRelay relay) {
		return OutboxContexts.withOutbox()
			.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.outbox.concurrency=1",
					"infobip.smtp.outbox.batch-size=4");
	}

	/**
	 * Enqueue messages to user0, user1… with the dispatchers stopped, each due a
	 * millisecond after the one before, so that one dispatcher sends them in this order.
	 */
	private static List<String> enqueueStopped(AssertableApplicationContext context, int messages) throws Exception {
		InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
		context.getBean(JdbcMailOutbox.class).stop();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < messages; i++) {
			ids.add(outbox.enqueue(InfobipMailOutboxTests.plain(context, "user" + i + "@example.com")));
			Thread.sleep(2);
		}
		return ids;
	}

	private static List<String> recipients(SmtpTestRelay relay) {
		return relay.getMessages().stream().map((received) -> received.recipients().get(0)).toList();
	}

}

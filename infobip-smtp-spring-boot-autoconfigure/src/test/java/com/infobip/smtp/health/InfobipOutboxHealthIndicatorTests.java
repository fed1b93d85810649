/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.health;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.testsupport.OutboxContexts;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox health on a real outbox on H2, its dispatchers stopped so that entries wait.
 */
class InfobipOutboxHealthIndicatorTests {

	@Test
	void upWithCountsByStatusAndZeroAgeWhenNothingWaits() {
		run((context, outbox, jdbc) -> {
			Health health = new InfobipOutboxHealthIndicator(outbox, Duration.ofMinutes(15)).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails())
				.containsEntry("entries",
						Map.of("pending", 0L, "sending", 0L, "sent", 0L, "failed", 0L, "unknown", 0L, "cancelled", 0L))
				.containsEntry("oldestPendingAge", "PT0S")
				.containsEntry("maxPendingAge", "PT15M")
				.doesNotContainKey("reason");
		});
	}

	@Test
	void upWhileTheOldestPendingEntryIsYoungerThanTheMaximum() {
		run((context, outbox, jdbc) -> {
			String id = outbox.enqueue(OutboxContexts.plain(context.getBean(InfobipMailSender.class), "a@example.com"));
			jdbc.update(
					"UPDATE INFOBIP_SMTP_OUTBOX SET CREATED_AT = CREATED_AT - 600000, DUE_AT = DUE_AT - 600000 WHERE ID = ?",
					id);
			Health health = new InfobipOutboxHealthIndicator(outbox, Duration.ofMinutes(15)).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("entries"))
				.asInstanceOf(InstanceOfAssertFactories.map(String.class, Long.class))
				.containsEntry("pending", 1L);
			assertThat(Duration.parse((String) health.getDetails().get("oldestPendingAge")))
				.isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
		});
	}

	@Test
	void downWhenTheOldestPendingEntryWaitedLongerThanTheMaximum() {
		run((context, outbox, jdbc) -> {
			String id = outbox.enqueue(OutboxContexts.plain(context.getBean(InfobipMailSender.class), "a@example.com"));
			jdbc.update(
					"UPDATE INFOBIP_SMTP_OUTBOX SET CREATED_AT = CREATED_AT - 1200000, DUE_AT = DUE_AT - 1200000 WHERE ID = ?",
					id);
			Health health = new InfobipOutboxHealthIndicator(outbox, Duration.ofMinutes(15)).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			Duration age = Duration.parse((String) health.getDetails().get("oldestPendingAge"));
			assertThat(age).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));
			assertThat(health.getDetails()).containsEntry("maxPendingAge", "PT15M");
			assertThat((String) health.getDetails().get("reason")).contains(age.toString()).contains("PT15M");
		});
	}

	@Test
	void downWithTheErrorWhenTheDatabaseCannotBeRead() {
		run((context, outbox, jdbc) -> {
			jdbc.execute("DROP TABLE INFOBIP_SMTP_OUTBOX");
			Health health = new InfobipOutboxHealthIndicator(outbox, Duration.ofMinutes(15)).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("error")).contains("BadSqlGrammarException")
				.contains("INFOBIP_SMTP_OUTBOX");
			assertThat(health.getDetails()).doesNotContainKeys("entries", "oldestPendingAge");
		});
	}

	private static void run(HealthTest test) {
		OutboxContexts.withOutbox().withPropertyValues(OutboxContexts.unreachableRelay()).run((context) -> {
			JdbcMailOutbox outbox = context.getBean(JdbcMailOutbox.class);
			outbox.stop();
			test.run(context, outbox, new JdbcTemplate(context.getBean(DataSource.class)));
		});
	}

	@FunctionalInterface
	interface HealthTest {

		void run(AssertableApplicationContext context, JdbcMailOutbox outbox, JdbcTemplate jdbc) throws Exception;

	}

}

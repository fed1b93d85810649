/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transactions that change the entries' statuses on PostgreSQL, as a trigger logs
 * them: with a connection for each dispatcher, an entry's outcome is committed in one
 * transaction with the mark of the next entry of its batch, a transaction a message
 * instead of two.
 */
@Tag("postgres")
class OutboxOutcomeWithNextMarkPostgresTests {

	@Test
	void outcomeOfEachEntryButTheLastOfItsBatchIsCommittedWithTheNextEntrysMark() throws Exception {
		TestDatabase database = PostgresServer.createDatabase();
		OutboxApplications.createSchema(database);
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("CREATE TABLE STATUS_LOG (ID VARCHAR(36), STATUS VARCHAR(16), TX TEXT)");
		jdbc.execute("CREATE FUNCTION LOG_STATUS() RETURNS trigger AS $$ BEGIN"
				+ " INSERT INTO STATUS_LOG VALUES (NEW.ID, NEW.STATUS, pg_current_xact_id()::text); RETURN NEW;"
				+ " END $$ LANGUAGE plpgsql");
		jdbc.execute("CREATE TRIGGER LOG_STATUS AFTER UPDATE ON INFOBIP_SMTP_OUTBOX FOR EACH ROW"
				+ " WHEN (OLD.STATUS IS DISTINCT FROM NEW.STATUS) EXECUTE FUNCTION LOG_STATUS()");
		int messages = 12;
		int batchSize = 4;
		try (SmtpTestRelay relay = TestRelays.start();
				ConfigurableApplicationContext instance = OutboxApplications.start(OutboxApplications.properties(
						database.jdbcUrl("next-mark"), relay.getPort(), "infobip.smtp.pool.max-connections=1",
						"infobip.smtp.outbox.concurrency=1", "infobip.smtp.outbox.batch-size=" + batchSize))) {
			InfobipMailOutbox outbox = instance.getBean(InfobipMailOutbox.class);
			instance.getBean(JdbcMailOutbox.class).stop();
			for (int i = 0; i < messages; i++) {
				outbox.enqueue(OutboxApplications.message(instance.getBean(InfobipMailSender.class), "order-" + i));
			}
			instance.getBean(JdbcMailOutbox.class).start();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> outbox.countByStatus().getOrDefault(InfobipOutboxStatus.SENT, 0L) == messages);
		}
		Map<String, List<String>> statusesById = new LinkedHashMap<>();
		Map<String, List<String>> changesByTransaction = new LinkedHashMap<>();
		jdbc.query("SELECT ID, STATUS, TX FROM STATUS_LOG", (row) -> {
			statusesById.computeIfAbsent(row.getString("ID"), (id) -> new ArrayList<>()).add(row.getString("STATUS"));
			changesByTransaction.computeIfAbsent(row.getString("TX"), (tx) -> new ArrayList<>())
				.add(row.getString("STATUS") + " " + row.getString("ID"));
		});
		assertThat(statusesById).hasSize(messages)
			.allSatisfy((id, statuses) -> assertThat(statuses).containsExactly("SENDING", "SENT"));
		List<List<String>> shared = changesByTransaction.values()
			.stream()
			.filter((changes) -> changes.size() > 1)
			.toList();
		// each batch: its first mark alone, each outcome with the next mark, its last
		// outcome alone
		int batches = messages / batchSize;
		assertThat(shared).as("transactions of an outcome and a mark").hasSize(messages - batches);
		assertThat(shared).allSatisfy((changes) -> {
			assertThat(changes).hasSize(2);
			assertThat(changes).anyMatch((change) -> change.startsWith("SENT "))
				.anyMatch((change) -> change.startsWith("SENDING "));
		});
		assertThat(changesByTransaction).as("transactions").hasSize(messages + batches);
	}

}

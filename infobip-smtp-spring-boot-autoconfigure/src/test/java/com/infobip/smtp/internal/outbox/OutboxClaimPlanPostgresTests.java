/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import com.infobip.smtp.outbox.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim on PostgreSQL reads no more than it claims, whatever the planner's statistics
 * say of the statuses. They lag behind a backlog: analysed while the table held only
 * finished entries, they make the pending status look rare, and each of a claim's three
 * statements was planned as a read of every pending entry (the select sorted them all,
 * the update and the read of the claimed entries scanned them by the status's index):
 * 2,000 pages each for a backlog of 100,000, where by the due index's order and by
 * primary key a claim of 16 reads 20, 300 and 80.
 */
@Tag("postgres")
class OutboxClaimPlanPostgresTests {

	private static final int BACKLOG = 100_000;

	// a claim of 16 entries reads a few hundred pages; a scan of the backlog thousands
	private static final long MAX_PAGES_A_STATEMENT = 1_000;

	@Test
	void aClaimReadsItsEntriesByPrimaryKeyWhenTheStatisticsSayNoneIsPending() {
		DataSource dataSource = PostgresServer.createDatabase().dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		new ResourceDatabasePopulator(new ClassPathResource("com/infobip/smtp/outbox/schema-postgresql.sql"))
			.execute(dataSource);
		jdbc.execute("ALTER TABLE INFOBIP_SMTP_OUTBOX SET (autovacuum_enabled = false)");
		insert(jdbc, "done-", "SENT", 1);
		jdbc.execute("ANALYZE INFOBIP_SMTP_OUTBOX");
		// a backlog the statistics have not seen
		insert(jdbc, "entry-", "PENDING", BACKLOG + 1);
		jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
		jdbc.execute("SELECT pg_stat_statements_reset()");

		List<ClaimedEntry> claimed = new OutboxStore(new OutboxDatabase(dataSource)).claimDue("a-claim", 16,
				Instant.ofEpochMilli(3 * BACKLOG), Duration.ofMinutes(1));

		assertThat(claimed).extracting(ClaimedEntry::id)
			.containsExactly("entry-1", "entry-2", "entry-3", "entry-4", "entry-5", "entry-6", "entry-7", "entry-8",
					"entry-9", "entry-10", "entry-11", "entry-12", "entry-13", "entry-14", "entry-15", "entry-16");
		List<Map<String, Object>> statements = jdbc.queryForList("SELECT QUERY, SHARED_BLKS_HIT + SHARED_BLKS_READ"
				+ " AS PAGES FROM pg_stat_statements WHERE DBID = (SELECT OID FROM pg_database"
				+ " WHERE DATNAME = current_database()) AND QUERY LIKE '%INFOBIP_SMTP_OUTBOX%'");
		assertThat(statements).as("the claim's statements").hasSize(3);
		assertThat(statements).allSatisfy((statement) -> assertThat((Number) statement.get("PAGES"))
			.as("pages read by %s", statement.get("QUERY"))
			.satisfies((pages) -> assertThat(pages.longValue()).isLessThan(MAX_PAGES_A_STATEMENT)));
	}

	private static void insert(JdbcTemplate jdbc, String prefix, String status, int from) {
		jdbc.update("INSERT INTO INFOBIP_SMTP_OUTBOX (ID, STATUS, ENVELOPE_FROM, RECIPIENTS, CONTENT, ATTEMPTS,"
				+ " CREATED_AT, DUE_AT, NEXT_ATTEMPT_AT) SELECT ? || (i - ?), ?, 'sender@example.com',"
				+ " 'recipient@example.com', 'Subject: hello\r\n\r\nhello\r\n'::bytea, 0, i, i, i"
				+ " FROM generate_series(?, ?) AS i", prefix, from - 1, status, from, from + BACKLOG - 1);
	}

}

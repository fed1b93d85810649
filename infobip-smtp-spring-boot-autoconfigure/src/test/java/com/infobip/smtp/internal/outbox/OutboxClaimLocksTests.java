/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim on H2 locks the entries it claims and no others, so that dispatchers claiming
 * at the same time each get a batch. H2 locks every row its {@code FOR UPDATE} select
 * reads, and with a lock it reads every row the condition matches before it applies the
 * limit: a claim of 16 locked the whole due backlog, a dispatcher claiming meanwhile
 * skipped it all and waited a poll interval, and the claim's commit wrote every due row
 * again.
 */
class OutboxClaimLocksTests {

	private static final int BACKLOG = 1_000;

	private static final Instant NOW = Instant.ofEpochMilli(10 * BACKLOG);

	private final DataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutDown() {
		HeldClaim.release.countDown();
		this.executor.shutdownNow();
		new JdbcTemplate(this.database).execute("SHUTDOWN");
	}

	@Test
	void aDispatcherClaimingWhileAnotherClaimsGetsTheNextEntries() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.database);
		new ResourceDatabasePopulator(new ClassPathResource("com/infobip/smtp/outbox/schema-h2.sql"))
			.execute(this.database);
		jdbc.update(
				"INSERT INTO INFOBIP_SMTP_OUTBOX (ID, STATUS, ENVELOPE_FROM, RECIPIENTS, CONTENT, ATTEMPTS,"
						+ " CREATED_AT, DUE_AT, NEXT_ATTEMPT_AT) SELECT 'entry-' || X, 'PENDING', 'sender@example.com',"
						+ " 'recipient@example.com', CAST(? AS BLOB), 0, X, X, X FROM SYSTEM_RANGE(1, ?)",
				"Subject: hello\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII), BACKLOG);
		HeldClaim.reset();
		jdbc.execute("CREATE TRIGGER HOLD_CLAIM BEFORE UPDATE ON INFOBIP_SMTP_OUTBOX FOR EACH ROW CALL \""
				+ HeldClaim.class.getName() + "\"");
		OutboxStore store = new OutboxStore(new OutboxDatabase(this.database));

		Future<List<ClaimedEntry>> first = this.executor
			.submit(() -> store.claimDue(HeldClaim.TOKEN, 16, NOW, Duration.ofMinutes(1)));
		assertThat(HeldClaim.holding.await(10, TimeUnit.SECONDS)).as("the first claim stamps its entries").isTrue();
		// its transaction is open, its locks held
		List<ClaimedEntry> second = store.claimDue("second", 16, NOW, Duration.ofMinutes(1));
		HeldClaim.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).extracting(ClaimedEntry::id).containsExactlyElementsOf(ids(1));
		assertThat(second).extracting(ClaimedEntry::id).containsExactlyElementsOf(ids(17));
	}

	private static List<String> ids(int from) {
		return IntStream.range(from, from + 16).mapToObj((i) -> "entry-" + i).toList();
	}

	/**
	 * Holds the first claim's stamp of its entries until released.
	 */
	public static class HeldClaim implements Trigger {

		static final String TOKEN = "first";

		static volatile CountDownLatch holding = new CountDownLatch(1);

		static volatile CountDownLatch release = new CountDownLatch(1);

		static void reset() {
			holding = new CountDownLatch(1);
			release = new CountDownLatch(1);
		}

		@Override
		public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
			if (newRow != null && Arrays.asList(newRow).contains(TOKEN)) {
				holding.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}

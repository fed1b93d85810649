/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipPreparedMessage;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox table and what may be done to its rows. Every change of a claimed entry is
 * conditional on the claim, so that an instance that lost its claim (it expired and
 * another instance took the entry) changes nothing. Times are epoch milliseconds. The
 * columns keep the names of the published scripts: MESSAGE_ID holds the Message-ID header
 * (the entry's messageIdHeader), QUEUE_ID Infobip's message id (its messageId).
 */
final class OutboxStore {

	static final String TABLE = "INFOBIP_SMTP_OUTBOX";

	static final String SEEN_REPORTS_TABLE = "INFOBIP_SMTP_WEBHOOK_SEEN";

	private static final String ENTRY_COLUMNS = "ID, STATUS, MESSAGE_ID, BULK_ID, ATTEMPTS, CREATED_AT, "
			+ "QUEUE_ID, LAST_ERROR, COMPLETED_AT, DELIVERY_STATUS, DELIVERY_STATUS_NAME, DELIVERY_UPDATED_AT, "
			+ "TRACKING_EVENT, TRACKING_UPDATED_AT";

	private static final int MAX_ERROR_LENGTH = 2000;

	private static final String RECIPIENT_SEPARATOR = "\n";

	// joins the caller's transaction: an entry is enqueued with the business change
	private final JdbcTemplate jdbc;

	// the dispatcher's own transactions, never the caller's
	private final TransactionTemplate transactions;

	private final String lockDueRows;

	OutboxStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.lockDueRows = lockDueRows(dataSource);
	}

	/**
	 * Return the clause that locks the selected due rows without waiting for rows another
	 * dispatcher is claiming. Where a database has none, claims stay exclusive through
	 * the conditional update; dispatchers then only compete for the same candidates.
	 */
	private static String lockDueRows(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource,
					(metaData) -> metaData.getDatabaseProductName());
			return switch (product) {
				case "PostgreSQL", "MySQL", "MariaDB", "H2" -> " FOR UPDATE SKIP LOCKED";
				default -> "";
			};
		}
		catch (MetaDataAccessException ex) {
			return "";
		}
	}

	void insert(String id, InfobipPreparedMessage message, Instant now) {
		this.jdbc.update(
				"INSERT INTO " + TABLE + " (ID, STATUS, MESSAGE_ID, BULK_ID, ENVELOPE_FROM, RECIPIENTS, "
						+ "CONTENT, ATTEMPTS, CREATED_AT, NEXT_ATTEMPT_AT) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
				id, InfobipOutboxStatus.PENDING.name(), message.messageIdHeader(), message.bulkId(),
				message.envelopeFrom(), String.join(RECIPIENT_SEPARATOR, message.recipients()), message.content(),
				now.toEpochMilli(), now.toEpochMilli());
	}

	/**
	 * Claim up to {@code limit} due entries for {@code claimTimeout}.
	 * @param token the claim's token, unique to this claim
	 * @return the claimed entries, oldest due first
	 */
	List<ClaimedEntry> claimDue(String token, int limit, Instant now, Duration claimTimeout) {
		long nowMillis = now.toEpochMilli();
		List<ClaimedEntry> claimed = this.transactions.execute((status) -> {
			List<String> ids = this.jdbc
				.queryForList("SELECT ID FROM " + TABLE + " WHERE STATUS = 'PENDING' AND NEXT_ATTEMPT_AT <= ?"
						+ " AND (CLAIM_EXPIRES_AT IS NULL OR CLAIM_EXPIRES_AT <= ?) ORDER BY NEXT_ATTEMPT_AT LIMIT ?"
						+ this.lockDueRows, String.class, nowMillis, nowMillis, limit);
			if (ids.isEmpty()) {
				return List.of();
			}
			long until = nowMillis + claimTimeout.toMillis();
			List<Object[]> arguments = ids.stream().map((id) -> new Object[] { token, until, id, nowMillis }).toList();
			this.jdbc.batchUpdate(
					"UPDATE " + TABLE + " SET CLAIMED_BY = ?, CLAIM_EXPIRES_AT = ? WHERE ID = ?"
							+ " AND STATUS = 'PENDING' AND (CLAIM_EXPIRES_AT IS NULL OR CLAIM_EXPIRES_AT <= ?)",
					arguments);
			// by primary key: the claim's token has no index
			List<Object> keys = new ArrayList<>(ids);
			keys.add(token);
			return this.jdbc.query(
					"SELECT ID, MESSAGE_ID, BULK_ID, ENVELOPE_FROM, RECIPIENTS, CONTENT, ATTEMPTS FROM " + TABLE
							+ " WHERE ID IN (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
							+ ") AND CLAIMED_BY = ? AND STATUS = 'PENDING' ORDER BY NEXT_ATTEMPT_AT",
					OutboxStore::claimedEntry, keys.toArray());
		});
		return (claimed != null) ? claimed : List.of();
	}

	/**
	 * Record that the entry is about to be offered to the relay: from here on a lost
	 * claim makes it {@code UNKNOWN}, never {@code PENDING}.
	 * @return whether the claim still held
	 */
	boolean markSending(String id, String token, Instant now, Duration claimTimeout) {
		long nowMillis = now.toEpochMilli();
		return this.jdbc.update("UPDATE " + TABLE + " SET STATUS = 'SENDING', ATTEMPTS = ATTEMPTS + 1,"
				+ " CLAIM_EXPIRES_AT = ? WHERE ID = ? AND CLAIMED_BY = ? AND STATUS = 'PENDING'"
				+ " AND CLAIM_EXPIRES_AT > ?", nowMillis + claimTimeout.toMillis(), id, token, nowMillis) == 1;
	}

	/**
	 * Extend the claims this instance holds, on entries waiting in its batches or being
	 * sent, so that only the claims of an instance that stopped expire.
	 */
	void renewClaims(Map<String, String> tokensById, Instant now, Duration claimTimeout) {
		long until = now.toEpochMilli() + claimTimeout.toMillis();
		List<Object[]> arguments = tokensById.entrySet()
			.stream()
			.map((entry) -> new Object[] { until, entry.getKey(), entry.getValue() })
			.toList();
		if (!arguments.isEmpty()) {
			this.jdbc.batchUpdate("UPDATE " + TABLE + " SET CLAIM_EXPIRES_AT = ? WHERE ID = ? AND CLAIMED_BY = ?"
					+ " AND STATUS IN ('PENDING', 'SENDING')", arguments);
		}
	}

	/**
	 * Give an entry the sender never offered back, as it was before it was claimed.
	 */
	void release(String id, String token, boolean markedSending) {
		if (markedSending) {
			this.jdbc.update("UPDATE " + TABLE + " SET STATUS = 'PENDING', ATTEMPTS = ATTEMPTS - 1,"
					+ " CLAIMED_BY = NULL, CLAIM_EXPIRES_AT = NULL WHERE ID = ? AND CLAIMED_BY = ?"
					+ " AND STATUS = 'SENDING'", id, token);
		}
		else {
			this.jdbc.update("UPDATE " + TABLE + " SET CLAIMED_BY = NULL, CLAIM_EXPIRES_AT = NULL WHERE ID = ?"
					+ " AND CLAIMED_BY = ? AND STATUS = 'PENDING'", id, token);
		}
	}

	/**
	 * Record the end of an entry's life: sent, failed or unknown. An entry the claim
	 * recovery made {@code UNKNOWN} while its send still ran is corrected by the send's
	 * own outcome.
	 */
	void complete(String id, String token, InfobipOutboxStatus status, @Nullable String messageId,
			@Nullable String error, Instant now) {
		this.jdbc.update("UPDATE " + TABLE + " SET STATUS = ?, QUEUE_ID = ?, LAST_ERROR = ?, COMPLETED_AT = ?,"
				+ " CLAIM_EXPIRES_AT = NULL WHERE ID = ? AND CLAIMED_BY = ? AND STATUS IN ('SENDING', 'UNKNOWN')",
				status.name(), messageId, truncate(error), now.toEpochMilli(), id, token);
	}

	/**
	 * Put an entry the relay did not take back in line, due at {@code nextAttempt}.
	 */
	void reschedule(String id, String token, Instant nextAttempt, String error) {
		this.jdbc.update("UPDATE " + TABLE + " SET STATUS = 'PENDING', NEXT_ATTEMPT_AT = ?, LAST_ERROR = ?,"
				+ " CLAIMED_BY = NULL, CLAIM_EXPIRES_AT = NULL WHERE ID = ? AND CLAIMED_BY = ? AND STATUS = 'SENDING'",
				nextAttempt.toEpochMilli(), truncate(error), id, token);
	}

	/**
	 * Publish a webhook report unless it was published already, by any instance that
	 * shares the database: its key is inserted under a unique key in a transaction that
	 * commits only once the publication ran (the ledger's update, made by a listener,
	 * commits with it). A duplicate delivered to another instance meanwhile waits on the
	 * database's lock for that key, and publishes only if the first transaction rolled
	 * back.
	 * @return whether this call published the report
	 */
	boolean publishReportOnce(String key, Instant now, Runnable publication) {
		Boolean published = this.transactions.execute((status) -> {
			try {
				this.jdbc.update("INSERT INTO " + SEEN_REPORTS_TABLE + " (REPORT_KEY, SEEN_AT) VALUES (?, ?)", key,
						now.toEpochMilli());
			}
			catch (DuplicateKeyException ex) {
				status.setRollbackOnly();
				return false;
			}
			publication.run();
			return true;
		});
		return Boolean.TRUE.equals(published);
	}

	/**
	 * Resolve entries whose sender lost its claim while offering them: they may have
	 * reached the relay, so they become {@code UNKNOWN} and are never sent again.
	 * @return how many entries were resolved
	 */
	int expireSendingClaims(Instant now) {
		long nowMillis = now.toEpochMilli();
		return this.jdbc.update(
				"UPDATE " + TABLE + " SET STATUS = 'UNKNOWN', COMPLETED_AT = ?, LAST_ERROR = ?"
						+ " WHERE STATUS = 'SENDING' AND CLAIM_EXPIRES_AT <= ?",
				nowMillis, "The instance sending it stopped before recording the relay's answer: it may have been sent",
				nowMillis);
	}

	/**
	 * Delete finished entries and remembered webhook reports older than {@code before}.
	 * @return how many entries were deleted
	 */
	int purge(Instant before) {
		long millis = before.toEpochMilli();
		this.jdbc.update("DELETE FROM " + SEEN_REPORTS_TABLE + " WHERE SEEN_AT < ?", millis);
		return this.jdbc.update(
				"DELETE FROM " + TABLE + " WHERE STATUS IN ('SENT', 'FAILED', 'UNKNOWN') AND COMPLETED_AT < ?", millis);
	}

	Optional<InfobipOutboxEntry> find(String id) {
		List<InfobipOutboxEntry> entries = this.jdbc
			.query("SELECT " + ENTRY_COLUMNS + " FROM " + TABLE + " WHERE ID = ?", OutboxStore::entry, id);
		return entries.stream().findFirst();
	}

	Map<InfobipOutboxStatus, Long> countByStatus() {
		Map<InfobipOutboxStatus, Long> counts = new EnumMap<>(InfobipOutboxStatus.class);
		Arrays.stream(InfobipOutboxStatus.values()).forEach((status) -> counts.put(status, 0L));
		this.jdbc.query("SELECT STATUS, COUNT(*) FROM " + TABLE + " GROUP BY STATUS",
				(RowCallbackHandler) (row) -> counts.put(InfobipOutboxStatus.valueOf(row.getString(1)),
						row.getLong(2)));
		return Collections.unmodifiableMap(counts);
	}

	/**
	 * Return when the oldest entry that waits to be sent was enqueued.
	 */
	Optional<Instant> oldestPending() {
		Long oldest = this.jdbc.queryForObject(
				"SELECT MIN(CREATED_AT) FROM " + TABLE + " WHERE STATUS IN ('PENDING', 'SENDING')", Long.class);
		return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
	}

	/**
	 * Record a delivery status for the entry Infobip queued as {@code messageId}, and
	 * that carries {@code bulkId} when the report names one.
	 * @return how many entries were updated
	 */
	int recordDelivery(String messageId, @Nullable String bulkId, String group, @Nullable String name, Instant now) {
		return updateByMessageId("DELIVERY_STATUS = ?, DELIVERY_STATUS_NAME = ?, DELIVERY_UPDATED_AT = ?", messageId,
				bulkId, group, truncate(name, 255), now.toEpochMilli());
	}

	/**
	 * Record a tracking event for the entry Infobip queued as {@code messageId}, and that
	 * carries {@code bulkId} when the event names one.
	 * @return how many entries were updated
	 */
	int recordTracking(String messageId, @Nullable String bulkId, String event, Instant now) {
		return updateByMessageId("TRACKING_EVENT = ?, TRACKING_UPDATED_AT = ?", messageId, bulkId, event,
				now.toEpochMilli());
	}

	private int updateByMessageId(String assignments, String messageId, @Nullable String bulkId,
			@Nullable Object... values) {
		List<@Nullable Object> arguments = new ArrayList<>(Arrays.asList(values));
		arguments.add(messageId);
		String sql = "UPDATE " + TABLE + " SET " + assignments + " WHERE QUEUE_ID = ?";
		if (bulkId != null) {
			sql += " AND (BULK_ID IS NULL OR BULK_ID = ?)";
			arguments.add(bulkId);
		}
		return this.jdbc.update(sql, arguments.toArray());
	}

	private static ClaimedEntry claimedEntry(ResultSet row, int rowNumber) throws SQLException {
		List<String> recipients = List.of(row.getString("RECIPIENTS").split(RECIPIENT_SEPARATOR));
		InfobipPreparedMessage message = new InfobipPreparedMessage(row.getString("ENVELOPE_FROM"), recipients,
				row.getBytes("CONTENT"), row.getString("MESSAGE_ID"), row.getString("BULK_ID"));
		return new ClaimedEntry(row.getString("ID"), message, row.getInt("ATTEMPTS"));
	}

	private static InfobipOutboxEntry entry(ResultSet row, int rowNumber) throws SQLException {
		return new InfobipOutboxEntry(row.getString("ID"), InfobipOutboxStatus.valueOf(row.getString("STATUS")),
				row.getString("MESSAGE_ID"), row.getString("BULK_ID"), row.getString("QUEUE_ID"),
				row.getInt("ATTEMPTS"), row.getString("LAST_ERROR"), instant(row, "CREATED_AT"),
				instant(row, "COMPLETED_AT"), row.getString("DELIVERY_STATUS"), row.getString("DELIVERY_STATUS_NAME"),
				instant(row, "DELIVERY_UPDATED_AT"), row.getString("TRACKING_EVENT"),
				instant(row, "TRACKING_UPDATED_AT"));
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		long millis = row.getLong(column);
		return row.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	private static @Nullable String truncate(@Nullable String text) {
		return truncate(text, MAX_ERROR_LENGTH);
	}

	private static @Nullable String truncate(@Nullable String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length) : text;
	}

	/**
	 * An entry claimed for sending.
	 *
	 * @param id the entry's id
	 * @param message the message as prepared when it was enqueued
	 * @param attempts how many times it was offered to the relay before
	 */
	record ClaimedEntry(String id, InfobipPreparedMessage message, int attempts) {
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.infobip.smtp.SmtpPhase;
import com.infobip.smtp.SmtpReply;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxOrder;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;

import static com.infobip.smtp.internal.outbox.OutboxDatabase.TABLE;

/**
 * The outbox table as an operator sees it: entries read, counted and paged, and the
 * changes an operator decides. Every change is conditional on the entry's status, so that
 * one racing a dispatcher, another operator or another instance either happens whole or
 * not at all.
 */
final class OutboxEntries {

	private static final String ENTRY_COLUMNS = "ID, STATUS, ENQUEUE_KEY, MESSAGE_ID, BULK_ID, SUBJECT, RECIPIENTS,"
			+ " QUEUE_ID, ATTEMPTS, LAST_REPLY_PHASE, LAST_REPLY_CODE, LAST_REPLY_ENHANCED, LAST_REPLY_TEXT,"
			+ " LAST_ERROR, CREATED_AT, NOT_BEFORE, COMPLETED_AT, DELIVERY_STATUS, DELIVERY_STATUS_NAME,"
			+ " DELIVERY_UPDATED_AT, TRACKING_EVENT, TRACKING_UPDATED_AT";

	// the status an entry is sent again from: due now, its attempts counted afresh, and
	// waiting from now on
	private static final String SEND_AGAIN = "STATUS = 'PENDING', ATTEMPTS = 0, NEXT_ATTEMPT_AT = ?, DUE_AT = ?,"
			+ " COMPLETED_AT = NULL, CLAIMED_BY = NULL, CLAIM_EXPIRES_AT = NULL";

	private final OutboxDatabase database;

	OutboxEntries(OutboxDatabase database) {
		this.database = database;
	}

	Optional<InfobipOutboxEntry> find(String id) {
		return this.database.jdbc
			.query("SELECT " + ENTRY_COLUMNS + " FROM " + TABLE + " WHERE ID = ?", OutboxEntries::entry, id)
			.stream()
			.findFirst();
	}

	List<InfobipOutboxEntry> findByStatus(InfobipOutboxStatus status, InfobipOutboxOrder order, int offset, int limit) {
		String direction = (order == InfobipOutboxOrder.NEWEST_FIRST) ? "DESC" : "ASC";
		// the status written out, an enum's name: PostgreSQL then plans with the partial
		// index of that status
		return this.database.jdbc.query(
				"SELECT " + ENTRY_COLUMNS + " FROM " + TABLE + " WHERE STATUS = '" + status.name()
						+ "' ORDER BY CREATED_AT " + direction + ", ID " + direction + " LIMIT ? OFFSET ?",
				OutboxEntries::entry, limit, offset);
	}

	Map<InfobipOutboxStatus, Long> countByStatus() {
		Map<InfobipOutboxStatus, Long> counts = new EnumMap<>(InfobipOutboxStatus.class);
		Arrays.stream(InfobipOutboxStatus.values()).forEach((status) -> counts.put(status, 0L));
		this.database.jdbc.query("SELECT STATUS, COUNT(*) FROM " + TABLE + " GROUP BY STATUS",
				(RowCallbackHandler) (row) -> counts.put(InfobipOutboxStatus.valueOf(row.getString(1)),
						row.getLong(2)));
		return Collections.unmodifiableMap(counts);
	}

	/**
	 * Return since when the entry that has waited longest to be sent waits: entries not
	 * due yet do not wait.
	 */
	Optional<Instant> oldestWaitingSince(Instant now) {
		// one status at a time: on PostgreSQL each has its partial index
		Long oldest = this.database.jdbc.queryForObject(
				"SELECT MIN(DUE_AT) FROM (SELECT MIN(DUE_AT) AS DUE_AT FROM " + TABLE
						+ " WHERE STATUS = 'PENDING' AND DUE_AT <= ? UNION ALL SELECT MIN(DUE_AT) FROM " + TABLE
						+ " WHERE STATUS = 'SENDING' AND DUE_AT <= ?) WAITING",
				Long.class, now.toEpochMilli(), now.toEpochMilli());
		return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
	}

	boolean retry(String id, Instant now) {
		return this.database.jdbc.update(
				"UPDATE " + TABLE + " SET " + SEND_AGAIN + " WHERE ID = ? AND STATUS = 'FAILED'", now.toEpochMilli(),
				now.toEpochMilli(), id) == 1;
	}

	boolean resolveUnknownAsSent(String id, Instant now) {
		return this.database.jdbc.update(
				"UPDATE " + TABLE + " SET STATUS = 'SENT', COMPLETED_AT = ?, CLAIMED_BY = NULL,"
						+ " LAST_ERROR = 'Resolved as sent by an operator' WHERE ID = ? AND STATUS = 'UNKNOWN'",
				now.toEpochMilli(), id) == 1;
	}

	boolean resolveUnknownAsRetry(String id, Instant now) {
		return this.database.jdbc.update(
				"UPDATE " + TABLE + " SET " + SEND_AGAIN + " WHERE ID = ? AND STATUS = 'UNKNOWN'", now.toEpochMilli(),
				now.toEpochMilli(), id) == 1;
	}

	/**
	 * Cancel a pending entry, claimed or not: a dispatcher that claimed it can no longer
	 * mark it as being sent, so it withholds its data.
	 */
	boolean cancel(String id, Instant now) {
		return this.database.jdbc.update(
				"UPDATE " + TABLE + " SET STATUS = 'CANCELLED', COMPLETED_AT = ?,"
						+ " CLAIMED_BY = NULL, CLAIM_EXPIRES_AT = NULL WHERE ID = ? AND STATUS = 'PENDING'",
				now.toEpochMilli(), id) == 1;
	}

	private static InfobipOutboxEntry entry(ResultSet row, int rowNumber) throws SQLException {
		String recipients = row.getString("RECIPIENTS");
		return new InfobipOutboxEntry(row.getString("ID"), InfobipOutboxStatus.valueOf(row.getString("STATUS")),
				row.getString("ENQUEUE_KEY"), row.getString("MESSAGE_ID"), row.getString("BULK_ID"),
				row.getString("SUBJECT"),
				(recipients != null) ? List.of(recipients.split(OutboxStore.RECIPIENT_SEPARATOR)) : List.of(),
				row.getString("QUEUE_ID"), row.getInt("ATTEMPTS"), reply(row), row.getString("LAST_ERROR"),
				instant(row, "CREATED_AT"), instant(row, "NOT_BEFORE"), instant(row, "COMPLETED_AT"),
				row.getString("DELIVERY_STATUS"), row.getString("DELIVERY_STATUS_NAME"),
				instant(row, "DELIVERY_UPDATED_AT"), row.getString("TRACKING_EVENT"),
				instant(row, "TRACKING_UPDATED_AT"));
	}

	private static @Nullable SmtpReply reply(ResultSet row) throws SQLException {
		int code = row.getInt("LAST_REPLY_CODE");
		if (row.wasNull()) {
			return null;
		}
		String text = row.getString("LAST_REPLY_TEXT");
		return new SmtpReply(SmtpPhase.valueOf(row.getString("LAST_REPLY_PHASE")), code,
				row.getString("LAST_REPLY_ENHANCED"), (text != null) ? text : String.valueOf(code));
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		long millis = row.getLong(column);
		return row.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

}

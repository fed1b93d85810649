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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.infobip.smtp.InfobipPreparedMessage;
import com.infobip.smtp.SmtpReply;
import com.infobip.smtp.internal.outbox.GroupCommits.Statement;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;

import static com.infobip.smtp.internal.outbox.OutboxDatabase.TABLE;
import static com.infobip.smtp.internal.outbox.OutboxDatabase.truncate;

/**
 * The outbox table as dispatchers use it: entries claimed, marked as being sent and
 * completed ({@link OutboxInserts} stores them). Every change of a claimed entry is
 * conditional on the claim, so that an instance that lost its claim (it expired and
 * another instance took the entry) changes nothing. The columns keep the names of the
 * published scripts: MESSAGE_ID holds the Message-ID header (the entry's
 * messageIdHeader), QUEUE_ID Infobip's message id (its messageId).
 */
final class OutboxStore {

	static final String RECIPIENT_SEPARATOR = "\n";

	private static final int MAX_ERROR_LENGTH = 2000;

	private static final int MAX_REPLY_TEXT_LENGTH = 1000;

	private static final String SELECT_DUE = "SELECT ID FROM " + TABLE
			+ " WHERE STATUS = 'PENDING' AND NEXT_ATTEMPT_AT <= ? AND (CLAIM_EXPIRES_AT IS NULL OR CLAIM_EXPIRES_AT <= ?)";

	// due entries read for each one a claim on H2 is to lock
	private static final int CANDIDATES_PER_CLAIMED = 4;

	private final OutboxDatabase database;

	// the marks and outcomes of concurrent dispatchers, committed together
	private final GroupCommits commits;

	OutboxStore(OutboxDatabase database) {
		this.database = database;
		this.commits = new GroupCommits(database);
	}

	/**
	 * Claim up to {@code limit} due entries for {@code claimTimeout}. The select reads
	 * the due entries in their index's order and stops at the limit: on PostgreSQL that
	 * index is the only one of pending entries (partial indexes), so no plan can sort the
	 * whole backlog instead, whatever the statistics say.
	 * @param token the claim's token, unique to this claim
	 * @return the claimed entries, oldest due first
	 */
	List<ClaimedEntry> claimDue(String token, int limit, Instant now, Duration claimTimeout) {
		long nowMillis = now.toEpochMilli();
		List<ClaimedEntry> claimed = this.database.transactions.execute((status) -> {
			List<String> ids = (this.database.platform == OutboxDatabase.Platform.H2)
					? lockDueOneByOne(limit, nowMillis)
					: this.database.jdbc.queryForList(
							SELECT_DUE + " ORDER BY NEXT_ATTEMPT_AT LIMIT ?" + this.database.platform.lockDueRows,
							String.class, nowMillis, nowMillis, limit);
			if (ids.isEmpty()) {
				return List.of();
			}
			long until = nowMillis + claimTimeout.toMillis();
			String idList = String.join(", ", Collections.nCopies(ids.size(), "?"));
			claim(ids, idList, token, until, nowMillis);
			// by primary key alone (the claim's token has no index): the rows this claim
			// stamped, which keep their status until it commits; ordered here, as they
			// were selected, since a sort in the statement could change its plan
			List<Object> keys = new ArrayList<>(ids);
			keys.add(token);
			Map<String, ClaimedEntry> entries = new HashMap<>();
			this.database.jdbc.query(
					"SELECT ID, MESSAGE_ID, BULK_ID, ENVELOPE_FROM, RECIPIENTS, CONTENT, ATTEMPTS FROM " + TABLE
							+ " WHERE ID IN (" + idList + ") AND CLAIMED_BY = ?",
					(RowCallbackHandler) (row) -> entries.put(row.getString("ID"), claimedEntry(row)), keys.toArray());
			return ids.stream().map(entries::get).filter(Objects::nonNull).toList();
		});
		return (claimed != null) ? claimed : List.of();
	}

	/**
	 * Lock up to {@code limit} due entries on H2, oldest due first. H2 locks every row
	 * its {@code FOR UPDATE} select reads, and with a lock it reads every row the
	 * condition matches before it applies the limit: a claim of 16 locked the whole due
	 * backlog (a dispatcher claiming meanwhile found nothing and waited a poll interval)
	 * and its commit wrote every due row again. So the candidates are read without a
	 * lock, in the due index's order (which H2 then follows and stops at the limit), and
	 * locked one by one, skipping those another claim holds; reading four times as many
	 * as are claimed lets dispatchers claiming at the same time each get a batch.
	 */
	private List<String> lockDueOneByOne(int limit, long nowMillis) {
		List<String> candidates = this.database.jdbc.queryForList(
				SELECT_DUE + " ORDER BY STATUS, NEXT_ATTEMPT_AT LIMIT ?", String.class, nowMillis, nowMillis,
				CANDIDATES_PER_CLAIMED * limit);
		String lockOne = SELECT_DUE + " AND ID = ?" + this.database.platform.lockDueRows;
		List<String> locked = new ArrayList<>(limit);
		for (String id : candidates) {
			if (locked.size() == limit) {
				break;
			}
			locked.addAll(this.database.jdbc.queryForList(lockOne, String.class, nowMillis, nowMillis, id));
		}
		return locked;
	}

	/**
	 * Stamp the selected entries with the claim. On PostgreSQL in one statement, which
	 * measured a fifth faster for the drain; elsewhere one statement per entry, by
	 * primary key, as an {@code IN} list can lock ranges of an index on MySQL and MariaDB
	 * and deadlock with an application's concurrent enqueue.
	 * <p>
	 * PostgreSQL's statement names the entries by primary key alone: the select locked
	 * them, so they are still claimable, and a status in it would let the planner scan
	 * every pending entry by the status's index instead (it did, at 3,000 pages a claim,
	 * when the statistics said few entries were pending).
	 */
	private void claim(List<String> ids, String idList, String token, long until, long nowMillis) {
		if (this.database.platform == OutboxDatabase.Platform.POSTGRESQL) {
			List<Object> arguments = new ArrayList<>(List.of(token, until));
			arguments.addAll(ids);
			this.database.jdbc.update(
					"UPDATE " + TABLE + " SET CLAIMED_BY = ?, CLAIM_EXPIRES_AT = ? WHERE ID IN (" + idList + ")",
					arguments.toArray());
			return;
		}
		String claimable = " AND STATUS = 'PENDING' AND (CLAIM_EXPIRES_AT IS NULL OR CLAIM_EXPIRES_AT <= ?)";
		List<Object[]> arguments = ids.stream().map((id) -> new Object[] { token, until, id, nowMillis }).toList();
		this.database.jdbc.batchUpdate(
				"UPDATE " + TABLE + " SET CLAIMED_BY = ?, CLAIM_EXPIRES_AT = ? WHERE ID = ?" + claimable, arguments);
	}

	/**
	 * Record, committed, that the entry's data is about to be written to the relay: from
	 * here on a lost claim makes it {@code UNKNOWN}, never {@code PENDING}. Marking it
	 * again on a later attempt of the same send changes nothing.
	 * @return whether the claim still held and the entry was not cancelled meanwhile
	 */
	boolean markSending(String id, String token, Instant now, Duration claimTimeout) {
		return this.commits.update(id, List.of(sendingMark(id, token, now, claimTimeout)))[0] == 1;
	}

	/**
	 * Record an entry's outcome and mark the next entry as being sent, committed together
	 * or not at all, so that the two are never {@code SENDING} at once.
	 * @param outcome the outcome, from {@link #completion} or {@link #rescheduling}
	 * @return the rows the outcome updated, and whether the next entry was marked (its
	 * claim still held and it was not cancelled)
	 */
	OutcomeAndMark writeAndMarkSending(String outcomeId, Statement outcome, String id, String token, Instant now,
			Duration claimTimeout) {
		int[] rows = this.commits.update(outcomeId, List.of(outcome, sendingMark(id, token, now, claimTimeout)));
		return new OutcomeAndMark(rows[0], rows[1] == 1);
	}

	private static Statement sendingMark(String id, String token, Instant now, Duration claimTimeout) {
		long nowMillis = now.toEpochMilli();
		return new Statement("UPDATE " + TABLE + " SET STATUS = 'SENDING', CLAIM_EXPIRES_AT = ?"
				+ " WHERE ID = ? AND CLAIMED_BY = ? AND STATUS IN ('PENDING', 'SENDING') AND CLAIM_EXPIRES_AT > ?",
				new Object[] { nowMillis + claimTimeout.toMillis(), id, token, nowMillis });
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
			this.database.jdbc.batchUpdate("UPDATE " + TABLE + " SET CLAIM_EXPIRES_AT = ? WHERE ID = ?"
					+ " AND CLAIMED_BY = ? AND STATUS IN ('PENDING', 'SENDING')", arguments);
		}
	}

	/**
	 * Give back an entry whose data was never written, as it was before it was claimed.
	 */
	void release(String id, String token) {
		this.database.jdbc.update("UPDATE " + TABLE + " SET STATUS = 'PENDING', CLAIMED_BY = NULL,"
				+ " CLAIM_EXPIRES_AT = NULL WHERE ID = ? AND CLAIMED_BY = ? AND STATUS IN ('PENDING', 'SENDING')", id,
				token);
	}

	/**
	 * Write an outcome, from {@link #completion} or {@link #rescheduling}, committed.
	 * @return the number of rows it updated: 1 if the claim still held
	 */
	int write(String id, Statement outcome) {
		return this.commits.update(id, List.of(outcome))[0];
	}

	/**
	 * Return the update that records the end of an entry's life: sent, failed or unknown.
	 * An entry the claim recovery made {@code UNKNOWN} while its send still ran is
	 * corrected by the send's own outcome. It updates nothing once the claim is lost.
	 */
	static Statement completion(String id, String token, InfobipOutboxStatus status, @Nullable String messageId,
			int attempts, @Nullable SmtpReply reply, @Nullable String error, Instant now) {
		return new Statement(
				"UPDATE " + TABLE + " SET STATUS = ?, QUEUE_ID = ?, ATTEMPTS = ?,"
						+ " LAST_REPLY_PHASE = ?, LAST_REPLY_CODE = ?, LAST_REPLY_ENHANCED = ?, LAST_REPLY_TEXT = ?,"
						+ " LAST_ERROR = ?, COMPLETED_AT = ?, CLAIM_EXPIRES_AT = NULL WHERE ID = ? AND CLAIMED_BY = ?"
						+ " AND STATUS IN ('PENDING', 'SENDING', 'UNKNOWN')",
				new Object[] { status.name(), messageId, attempts, replyPhase(reply), replyCode(reply),
						replyEnhanced(reply), replyText(reply), truncate(error, MAX_ERROR_LENGTH), now.toEpochMilli(),
						id, token });
	}

	/**
	 * Return the update that puts an entry the relay did not take back in line, due at
	 * {@code nextAttempt}.
	 */
	static Statement rescheduling(String id, String token, int attempts, Instant nextAttempt, @Nullable SmtpReply reply,
			String error) {
		return new Statement(
				"UPDATE " + TABLE + " SET STATUS = 'PENDING', ATTEMPTS = ?, NEXT_ATTEMPT_AT = ?,"
						+ " LAST_REPLY_PHASE = ?, LAST_REPLY_CODE = ?, LAST_REPLY_ENHANCED = ?, LAST_REPLY_TEXT = ?,"
						+ " LAST_ERROR = ?, CLAIMED_BY = NULL, CLAIM_EXPIRES_AT = NULL WHERE ID = ? AND CLAIMED_BY = ?"
						+ " AND STATUS IN ('PENDING', 'SENDING')",
				new Object[] { attempts, nextAttempt.toEpochMilli(), replyPhase(reply), replyCode(reply),
						replyEnhanced(reply), replyText(reply), truncate(error, MAX_ERROR_LENGTH), id, token });
	}

	/**
	 * Resolve entries whose sender lost its claim while their data was written: they may
	 * have reached the relay, so they become {@code UNKNOWN} and are never sent again.
	 * @return the ids of the entries resolved
	 */
	List<String> expireSendingClaims(Instant now) {
		long nowMillis = now.toEpochMilli();
		List<String> ids = this.database.jdbc.queryForList(
				"SELECT ID FROM " + TABLE + " WHERE STATUS = 'SENDING' AND CLAIM_EXPIRES_AT <= ?", String.class,
				nowMillis);
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Object[]> arguments = ids.stream().map((id) -> new Object[] { nowMillis, id, nowMillis }).toList();
		int[] updated = this.database.jdbc.batchUpdate("UPDATE " + TABLE
				+ " SET STATUS = 'UNKNOWN', ATTEMPTS = ATTEMPTS + 1, COMPLETED_AT = ?, LAST_ERROR = 'The instance"
				+ " sending it stopped before recording the relay''s answer: it may have been sent'"
				+ " WHERE ID = ? AND STATUS = 'SENDING' AND CLAIM_EXPIRES_AT <= ?", arguments);
		List<String> resolved = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			// a driver that cannot tell counts it as done
			if (updated[i] != 0) {
				resolved.add(ids.get(i));
			}
		}
		return resolved;
	}

	/**
	 * Delete finished entries older than {@code before}.
	 * @return how many entries were deleted
	 */
	int purge(Instant before) {
		return this.database.jdbc.update(
				"DELETE FROM " + TABLE
						+ " WHERE STATUS IN ('SENT', 'FAILED', 'UNKNOWN', 'CANCELLED') AND COMPLETED_AT < ?",
				before.toEpochMilli());
	}

	private static @Nullable String replyPhase(@Nullable SmtpReply reply) {
		return (reply != null) ? reply.phase().name() : null;
	}

	private static @Nullable Integer replyCode(@Nullable SmtpReply reply) {
		return (reply != null) ? reply.code() : null;
	}

	private static @Nullable String replyEnhanced(@Nullable SmtpReply reply) {
		return (reply != null) ? reply.enhancedStatus() : null;
	}

	private static @Nullable String replyText(@Nullable SmtpReply reply) {
		return (reply != null) ? truncate(reply.text(), MAX_REPLY_TEXT_LENGTH) : null;
	}

	private static ClaimedEntry claimedEntry(ResultSet row) throws SQLException {
		List<String> recipients = List.of(row.getString("RECIPIENTS").split(RECIPIENT_SEPARATOR));
		InfobipPreparedMessage message = new InfobipPreparedMessage(row.getString("ENVELOPE_FROM"), recipients,
				row.getBytes("CONTENT"), row.getString("MESSAGE_ID"), row.getString("BULK_ID"));
		return new ClaimedEntry(row.getString("ID"), message, row.getInt("ATTEMPTS"));
	}

	/**
	 * What {@link #writeAndMarkSending} did.
	 *
	 * @param outcomeRows the rows the outcome updated: 1 if its claim still held
	 * @param marked whether the next entry was marked
	 */
	record OutcomeAndMark(int outcomeRows, boolean marked) {
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

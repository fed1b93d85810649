/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Duration;
import java.time.Instant;

import com.infobip.smtp.InfobipPreparedMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;

import static com.infobip.smtp.internal.outbox.OutboxDatabase.TABLE;

/**
 * Stores new entries in the application's transaction, once per key when it gives one.
 */
final class OutboxInserts {

	static final int MAX_KEY_LENGTH = 255;

	private static final String INSERT = "INSERT INTO " + TABLE
			+ " (ID, STATUS, ENQUEUE_KEY, MESSAGE_ID, BULK_ID, SUBJECT, ENVELOPE_FROM, RECIPIENTS, CONTENT, ATTEMPTS,"
			+ " CREATED_AT, NOT_BEFORE, DUE_AT, NEXT_ATTEMPT_AT) VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)";

	// how long an enqueue waits for another transaction's entry under the same key to
	// be committed or rolled back, where the database does not wait itself
	private static final Duration KEY_WAIT = Duration.ofSeconds(30);

	private final OutboxDatabase database;

	OutboxInserts(OutboxDatabase database) {
		this.database = database;
	}

	/**
	 * Store an entry in the caller's transaction, unless its key is taken.
	 * @param id the new entry's id
	 * @param key the application's key, or {@code null}
	 * @param notBefore when it is sent at the earliest, or {@code null} for now
	 * @return the id of the entry stored, or of the one that has the key
	 */
	String insert(String id, @Nullable String key, InfobipPreparedMessage message, Instant now,
			@Nullable Instant notBefore) {
		long created = now.toEpochMilli();
		long due = (notBefore != null && notBefore.isAfter(now)) ? notBefore.toEpochMilli() : created;
		Object[] arguments = { id, key, message.messageIdHeader(), message.bulkId(),
				OutboxSubjects.of(message.content()), message.envelopeFrom(),
				String.join(OutboxStore.RECIPIENT_SEPARATOR, message.recipients()), message.content(), created,
				(due > created) ? due : null, due, due };
		if (key == null) {
			this.database.jdbc.update(INSERT, arguments);
			return id;
		}
		return insertKeyed(key, arguments);
	}

	/**
	 * Store an entry under a key, or return the id of the entry that has it. Where the
	 * database makes the insert wait for another transaction's uncommitted entry under
	 * the same key (PostgreSQL, MySQL, MariaDB), the entry found next is that one's once
	 * it committed; elsewhere the insert fails at once, and is tried again until the
	 * other transaction ended.
	 */
	private String insertKeyed(String key, Object[] arguments) {
		long deadline = System.nanoTime() + KEY_WAIT.toNanos();
		while (true) {
			try {
				switch (this.database.platform) {
					// never a failed statement: it would abort the caller's transaction
					case POSTGRESQL -> this.database.jdbc.update(
							INSERT + " ON CONFLICT (ENQUEUE_KEY) WHERE ENQUEUE_KEY IS NOT NULL DO NOTHING", arguments);
					case MYSQL -> this.database.jdbc.update(INSERT + " ON DUPLICATE KEY UPDATE ID = ID", arguments);
					default -> this.database.jdbc.update(INSERT, arguments);
				}
			}
			catch (DuplicateKeyException ex) {
				// the key is taken: its entry is found next, once committed
			}
			try {
				return this.database.jdbc.queryForObject(
						"SELECT ID FROM " + TABLE + " WHERE ENQUEUE_KEY = ?" + this.database.platform.readCommittedRow,
						String.class, key);
			}
			catch (EmptyResultDataAccessException ex) {
				// taken by a transaction still open, which may yet roll back
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Outbox key is held by a transaction that neither committed nor rolled back in " + KEY_WAIT,
							ex);
				}
				pause();
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for an outbox key", ex);
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Commits the updates of concurrent dispatchers together: an update submitted while
 * another thread commits waits for it, then goes with every other update submitted
 * meanwhile into the next transaction, run by one of their threads. Each caller returns
 * only once its own update is committed, with its own row count, so nothing is less
 * durable than with a commit of its own; alone, an update is committed on its own at
 * once. On a database that writes its log or its file at each commit, the dispatchers'
 * marks and outcomes then cost a commit per group instead of one each.
 * <p>
 * If a group's transaction fails, each of its updates is run again alone, so that one
 * update's failure is its caller's only. Every update must be conditional and safe to run
 * twice: a transaction whose commit failed may still have been committed.
 */
final class GroupCommits {

	private final OutboxDatabase database;

	private final ReentrantLock lock = new ReentrantLock();

	// the end of a group's commit
	private final Condition committed = this.lock.newCondition();

	// guarded by lock: updates waiting for the next group, and whether a group commits
	private List<Update> waiting = new ArrayList<>();

	private boolean committing;

	GroupCommits(OutboxDatabase database) {
		this.database = database;
	}

	/**
	 * Run an update of one entry, committed with those other dispatchers submit
	 * meanwhile, and return once it is committed.
	 * @param id the entry's id: a group updates its entries in the order of their ids,
	 * the same in every group
	 * @param sql the update, conditional on the entry's state
	 * @param arguments its arguments
	 * @return the number of rows it updated
	 * @throws DataAccessException if the update failed on its own
	 */
	int update(String id, String sql, Object... arguments) {
		Update update = new Update(id, sql, arguments);
		this.lock.lock();
		try {
			this.waiting.add(update);
			while (!update.done) {
				if (this.committing) {
					// never left before it is done: its group may be committing
					this.committed.awaitUninterruptibly();
					continue;
				}
				this.committing = true;
				List<Update> group = this.waiting;
				this.waiting = new ArrayList<>();
				this.lock.unlock();
				try {
					commit(group);
				}
				finally {
					this.lock.lock();
					group.forEach((each) -> each.done = true);
					this.committing = false;
					this.committed.signalAll();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		return update.result();
	}

	private void commit(List<Update> group) {
		if (group.size() == 1) {
			runAlone(group.get(0));
			return;
		}
		group.sort(Comparator.comparing(Update::id));
		try {
			this.database.transactions.executeWithoutResult((status) -> {
				if (this.database.platform == OutboxDatabase.Platform.POSTGRESQL) {
					runBatched(group);
					return;
				}
				for (Update update : group) {
					update.rows = this.database.jdbc.update(update.sql, update.arguments);
				}
			});
		}
		catch (RuntimeException ex) {
			// one update's failure, or the database's: each is told its own
			group.forEach(this::runAlone);
		}
	}

	/**
	 * Run the group's updates as a JDBC batch per statement: PostgreSQL's driver sends
	 * each batch in one round trip, and returns each update's own row count.
	 */
	private void runBatched(List<Update> group) {
		Map<String, List<Update>> bySql = new LinkedHashMap<>();
		group.forEach((update) -> bySql.computeIfAbsent(update.sql, (sql) -> new ArrayList<>()).add(update));
		bySql.forEach((sql, updates) -> {
			int[] rows = this.database.jdbc.batchUpdate(sql,
					updates.stream().map((update) -> update.arguments).toList());
			for (int i = 0; i < rows.length; i++) {
				updates.get(i).rows = rows[i];
			}
		});
	}

	private void runAlone(Update update) {
		try {
			update.rows = this.database.jdbc.update(update.sql, update.arguments);
			update.failure = null;
		}
		catch (RuntimeException ex) {
			update.failure = ex;
		}
	}

	/**
	 * An update waiting for its group's commit. The thread that commits the group writes
	 * its rows or failure, then marks it done under the lock its caller reads it under.
	 */
	private static final class Update {

		private final String id;

		private final String sql;

		private final Object[] arguments;

		private int rows;

		private @Nullable RuntimeException failure;

		private boolean done;

		Update(String id, String sql, Object[] arguments) {
			this.id = id;
			this.sql = sql;
			this.arguments = arguments;
		}

		String id() {
			return this.id;
		}

		int result() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.rows;
		}

	}

}

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
 * only once its own update is committed, with its own row counts, so nothing is less
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
	 * Run an update of one entry (or of two: an outcome and the next entry's mark),
	 * committed with those other dispatchers submit meanwhile, its statements together or
	 * not at all, and return once it is committed.
	 * @param id the id of the entry the group orders it by: a group runs its updates in
	 * the order of their ids, the same in every group
	 * @param statements the statements, each conditional on an entry's state
	 * @return the number of rows each statement updated
	 * @throws DataAccessException if they failed on their own
	 */
	int[] update(String id, List<Statement> statements) {
		Update update = new Update(id, statements);
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
				group.forEach(this::run);
			});
		}
		catch (RuntimeException ex) {
			// one update's failure, or the database's: each is told its own
			group.forEach(this::runAlone);
		}
	}

	/**
	 * Run the group's statements as a JDBC batch per SQL: PostgreSQL's driver sends each
	 * batch in one round trip, and returns each statement's own row count.
	 */
	private void runBatched(List<Update> group) {
		Map<String, List<Batched>> bySql = new LinkedHashMap<>();
		for (Update update : group) {
			for (int i = 0; i < update.statements.size(); i++) {
				bySql.computeIfAbsent(update.statements.get(i).sql(), (sql) -> new ArrayList<>())
					.add(new Batched(update, i));
			}
		}
		bySql.forEach((sql, batched) -> {
			int[] rows = this.database.jdbc.batchUpdate(sql,
					batched.stream().map((each) -> each.update.statements.get(each.index).arguments()).toList());
			for (int i = 0; i < rows.length; i++) {
				batched.get(i).update.rows[batched.get(i).index] = rows[i];
			}
		});
	}

	private void run(Update update) {
		for (int i = 0; i < update.statements.size(); i++) {
			Statement statement = update.statements.get(i);
			update.rows[i] = this.database.jdbc.update(statement.sql(), statement.arguments());
		}
	}

	private void runAlone(Update update) {
		try {
			if (update.statements.size() == 1) {
				run(update);
			}
			else {
				this.database.transactions.executeWithoutResult((status) -> run(update));
			}
			update.failure = null;
		}
		catch (RuntimeException ex) {
			update.failure = ex;
		}
	}

	/**
	 * A statement of an update.
	 *
	 * @param sql the statement, conditional on an entry's state
	 * @param arguments its arguments
	 */
	record Statement(String sql, Object[] arguments) {
	}

	/**
	 * A statement of an update, in a batch of the group's statements with the same SQL.
	 */
	private record Batched(Update update, int index) {
	}

	/**
	 * An update waiting for its group's commit. The thread that commits the group writes
	 * its rows or failure, then marks it done under the lock its caller reads it under.
	 */
	private static final class Update {

		private final String id;

		private final List<Statement> statements;

		private final int[] rows;

		private @Nullable RuntimeException failure;

		private boolean done;

		Update(String id, List<Statement> statements) {
			this.id = id;
			this.statements = statements;
			this.rows = new int[statements.size()];
		}

		String id() {
			return this.id;
		}

		int[] result() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.rows;
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

import static com.infobip.smtp.internal.outbox.OutboxDatabase.EARLY_REPORTS_TABLE;
import static com.infobip.smtp.internal.outbox.OutboxDatabase.SEEN_REPORTS_TABLE;
import static com.infobip.smtp.internal.outbox.OutboxDatabase.TABLE;
import static com.infobip.smtp.internal.outbox.OutboxDatabase.truncate;

/**
 * Infobip's delivery reports and tracking events in the ledger, on the entry Infobip
 * queued under their message id. A report that comes before its entry's queue id was
 * recorded (the relay answered, the dispatcher has not written it yet, perhaps on another
 * instance) is kept, and applied by the housekeeping's sweep once an entry has that queue
 * id (or at once, if the entry has it by the time the report is committed). Also
 * remembers which webhook reports were published, across the instances that share the
 * database.
 */
final class OutboxReports {

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.LOG_CATEGORY);

	private final OutboxDatabase database;

	OutboxReports(OutboxDatabase database) {
		this.database = database;
	}

	/**
	 * Record a delivery status for the entry Infobip queued as {@code messageId}, and
	 * that carries {@code bulkId} when the report names one; kept for later if no entry
	 * has that queue id yet.
	 * @return whether an entry was updated now
	 */
	boolean recordDelivery(String messageId, @Nullable String bulkId, String group, @Nullable String name,
			Instant now) {
		Report report = new Report(messageId, bulkId, group, truncate(name, 255), null, now.toEpochMilli());
		return record(report);
	}

	/**
	 * Record a tracking event for the entry Infobip queued as {@code messageId}, and that
	 * carries {@code bulkId} when the event names one; kept for later if no entry has
	 * that queue id yet.
	 * @return whether an entry was updated now
	 */
	boolean recordTracking(String messageId, @Nullable String bulkId, String event, Instant now) {
		return record(new Report(messageId, bulkId, null, null, event, now.toEpochMilli()));
	}

	private boolean record(Report report) {
		if (apply(report) > 0) {
			return true;
		}
		this.database.jdbc.update(
				"INSERT INTO " + EARLY_REPORTS_TABLE
						+ " (QUEUE_ID, BULK_ID, DELIVERY_STATUS, DELIVERY_STATUS_NAME, TRACKING_EVENT, RECEIVED_AT)"
						+ " VALUES (?, ?, ?, ?, ?, ?)",
				report.queueId, report.bulkId, report.deliveryStatus, report.deliveryStatusName, report.trackingEvent,
				report.receivedAt);
		OutboxDatabase.afterCommit(() -> applyKeptAfterCommit(report.queueId));
		return false;
	}

	private void applyKeptAfterCommit(String queueId) {
		try {
			applyKept(queueId);
		}
		catch (DataAccessException ex) {
			// still kept: the housekeeping's sweep applies it
			logger.warn("Could not apply a delivery report kept for a queue id not recorded yet", ex);
		}
	}

	/**
	 * Apply the reports kept for queue ids that entries now have, and forget them: the
	 * housekeeping's sweep, which finds every kept report whose entry's queue id was
	 * recorded since, on whichever instance.
	 * @return how many queue ids had reports applied
	 */
	int applyKeptReports() {
		List<String> queueIds = this.database.jdbc.queryForList("SELECT DISTINCT r.QUEUE_ID FROM " + EARLY_REPORTS_TABLE
				+ " r JOIN " + TABLE + " o ON o.QUEUE_ID = r.QUEUE_ID", String.class);
		queueIds.forEach(this::applyKept);
		return queueIds.size();
	}

	/**
	 * Apply the reports kept for a queue id, oldest first, and forget them once an entry
	 * has that queue id.
	 */
	private void applyKept(String queueId) {
		this.database.transactions.executeWithoutResult((status) -> {
			List<Report> reports = this.database.jdbc.query(
					"SELECT QUEUE_ID, BULK_ID, DELIVERY_STATUS, DELIVERY_STATUS_NAME, TRACKING_EVENT, RECEIVED_AT FROM "
							+ EARLY_REPORTS_TABLE + " WHERE QUEUE_ID = ? ORDER BY RECEIVED_AT",
					(row, rowNumber) -> new Report(row.getString(1), row.getString(2), row.getString(3),
							row.getString(4), row.getString(5), row.getLong(6)),
					queueId);
			reports.forEach(this::apply);
			Integer entries = this.database.jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE QUEUE_ID = ?",
					Integer.class, queueId);
			if (entries != null && entries > 0) {
				this.database.jdbc.update("DELETE FROM " + EARLY_REPORTS_TABLE + " WHERE QUEUE_ID = ?", queueId);
			}
		});
	}

	/**
	 * Write a report on its entry, unless a later one is there already: applying a kept
	 * report twice, or after a newer one, changes nothing.
	 */
	private int apply(Report report) {
		boolean delivery = report.deliveryStatus != null;
		String sql = "UPDATE " + TABLE + " SET "
				+ (delivery
						? "DELIVERY_STATUS = ?, DELIVERY_STATUS_NAME = ?, DELIVERY_UPDATED_AT = ?"
								+ " WHERE QUEUE_ID = ? AND (DELIVERY_UPDATED_AT IS NULL OR DELIVERY_UPDATED_AT <= ?)"
						: "TRACKING_EVENT = ?, TRACKING_UPDATED_AT = ?"
								+ " WHERE QUEUE_ID = ? AND (TRACKING_UPDATED_AT IS NULL OR TRACKING_UPDATED_AT <= ?)");
		List<@Nullable Object> arguments = new ArrayList<>();
		if (delivery) {
			arguments.add(report.deliveryStatus);
			arguments.add(report.deliveryStatusName);
		}
		else {
			arguments.add(report.trackingEvent);
		}
		arguments.add(report.receivedAt);
		arguments.add(report.queueId);
		arguments.add(report.receivedAt);
		if (report.bulkId != null) {
			sql += " AND (BULK_ID IS NULL OR BULK_ID = ?)";
			arguments.add(report.bulkId);
		}
		return this.database.jdbc.update(sql, arguments.toArray());
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
		Boolean published = this.database.transactions.execute((status) -> {
			try {
				this.database.jdbc.update("INSERT INTO " + SEEN_REPORTS_TABLE + " (REPORT_KEY, SEEN_AT) VALUES (?, ?)",
						key, now.toEpochMilli());
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
	 * Forget remembered webhook reports older than {@code seenBefore}, and kept reports
	 * older than {@code keptBefore}, which no entry will claim: their entry's send
	 * outlived its claim, or they are for messages sent without the outbox.
	 */
	void purge(Instant seenBefore, Instant keptBefore) {
		this.database.jdbc.update("DELETE FROM " + SEEN_REPORTS_TABLE + " WHERE SEEN_AT < ?",
				seenBefore.toEpochMilli());
		purgeKept(keptBefore);
	}

	void purgeKept(Instant keptBefore) {
		this.database.jdbc.update("DELETE FROM " + EARLY_REPORTS_TABLE + " WHERE RECEIVED_AT < ?",
				keptBefore.toEpochMilli());
	}

	private record Report(String queueId, @Nullable String bulkId, @Nullable String deliveryStatus,
			@Nullable String deliveryStatusName, @Nullable String trackingEvent, long receivedAt) {
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipPreparedMessage;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxAttentionEvent;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxOrder;
import com.infobip.smtp.outbox.InfobipOutboxResolution;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.webhook.DeliveryReport;
import com.infobip.smtp.webhook.InfobipWebhookDeduplication;
import com.infobip.smtp.webhook.TrackingNotification;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

/**
 * {@link InfobipMailOutbox} on a JDBC database (the tables of
 * {@code com/infobip/smtp/outbox/schema-<platform>.sql}). As a {@link SmartLifecycle} it
 * runs the dispatchers of this instance on the given executor: they claim due entries for
 * the claim timeout, send them with the {@link InfobipMailSender}, and record
 * {@code SENT} with Infobip's message id, {@code FAILED}, {@code UNKNOWN}, or a later
 * attempt after the back-off of the sender's retries; the given scheduler renews their
 * claims. An entry whose instance died is resolved once its claim expired: sent if its
 * data was never written, {@code UNKNOWN} if it was being written or answered. It stops,
 * in phase {@link #SMART_LIFECYCLE_PHASE}, before the sender does. Internal: the
 * application sees {@link InfobipMailOutbox}; the webhook's ledger updates and
 * deduplication and the dispatched counts are for the starter's auto-configuration and
 * metrics.
 */
public final class JdbcMailOutbox implements InfobipMailOutbox, SmartLifecycle {

	/**
	 * The phase in which the outbox starts and stops: it stops before the sender, so that
	 * its sends in flight end normally.
	 */
	public static final int SMART_LIFECYCLE_PHASE = InfobipMailSender.SMART_LIFECYCLE_PHASE + 512;

	/**
	 * The most entries {@link #findByStatus} returns at once.
	 */
	public static final int MAX_PAGE_SIZE = 1000;

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.LOG_CATEGORY);

	private final InfobipMailSender sender;

	private final OutboxInserts inserts;

	private final OutboxEntries entries;

	private final OutboxReports reports;

	private final OutboxDispatcher dispatcher;

	private final Clock clock;

	private final @Nullable ApplicationEventPublisher eventPublisher;

	private final InfobipWebhookDeduplication webhookDeduplication;

	JdbcMailOutbox(JdbcMailOutboxBuilder builder) {
		this.sender = builder.sender;
		this.clock = builder.clock;
		this.eventPublisher = builder.eventPublisher;
		OutboxSettings settings = new OutboxSettings(builder.concurrency, builder.maxSending, builder.batchSize,
				builder.pollInterval, builder.claimTimeout, builder.backOff, builder.retention,
				builder.shutdownTimeout);
		OutboxDatabase database = new OutboxDatabase(builder.dataSource);
		OutboxStore store = new OutboxStore(database);
		this.inserts = new OutboxInserts(database);
		this.entries = new OutboxEntries(database);
		this.reports = new OutboxReports(database);
		OutboxHousekeeping housekeeping = new OutboxHousekeeping(store, this.reports, settings, this.clock,
				this::needsAttention);
		this.dispatcher = new OutboxDispatcher(store, housekeeping, this.sender, settings, this.clock, builder.executor,
				builder.scheduler, this::completed);
		this.webhookDeduplication = (key, publication) -> this.reports.publishReportOnce(key, this.clock.instant(),
				publication);
	}

	/**
	 * Start building an outbox on the given database, sending with the given sender.
	 * @param dataSource the database holding the outbox tables
	 * @param sender sends the entries
	 * @param executor runs the dispatchers, one task each from start to stop: it must run
	 * as many tasks at once as the concurrency
	 * @param scheduler renews the claims and writes again an outcome the database refused
	 * @return a builder
	 */
	public static JdbcMailOutboxBuilder builder(DataSource dataSource, InfobipMailSender sender, TaskExecutor executor,
			TaskScheduler scheduler) {
		return new JdbcMailOutboxBuilder(dataSource, sender, executor, scheduler);
	}

	@Override
	public String enqueue(MimeMessage message) throws MailException {
		return store(null, this.sender.prepare(message), null);
	}

	@Override
	public String enqueue(MimeMessage message, Instant notBefore) throws MailException {
		Assert.notNull(notBefore, "notBefore must not be null");
		return store(null, this.sender.prepare(message), notBefore);
	}

	@Override
	public String enqueue(String key, MimeMessage message) throws MailException {
		return store(checkedKey(key), this.sender.prepare(message), null);
	}

	@Override
	public String enqueue(String key, MimeMessage message, Instant notBefore) throws MailException {
		Assert.notNull(notBefore, "notBefore must not be null");
		return store(checkedKey(key), this.sender.prepare(message), notBefore);
	}

	@Override
	public String enqueue(MimeMessagePreparator preparator) throws MailException {
		return store(null, this.sender.prepare(preparator), null);
	}

	@Override
	public Optional<InfobipOutboxEntry> find(String id) {
		return this.entries.find(id);
	}

	@Override
	public List<InfobipOutboxEntry> findByStatus(InfobipOutboxStatus status, InfobipOutboxOrder order, int offset,
			int limit) {
		Assert.notNull(status, "status must not be null");
		Assert.notNull(order, "order must not be null");
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative");
		}
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
		}
		return this.entries.findByStatus(status, order, offset, limit);
	}

	@Override
	public Map<InfobipOutboxStatus, Long> countByStatus() {
		return this.entries.countByStatus();
	}

	@Override
	public Optional<Duration> oldestPendingAge() {
		Instant now = this.clock.instant();
		return this.entries.oldestWaitingSince(now).map((oldest) -> Duration.between(oldest, now));
	}

	@Override
	public boolean retry(String id) {
		return logged(id, "retry", InfobipOutboxStatus.FAILED, this.entries.retry(id, this.clock.instant()));
	}

	@Override
	public boolean resolveUnknown(String id, InfobipOutboxResolution resolution) {
		Assert.notNull(resolution, "resolution must not be null");
		Instant now = this.clock.instant();
		boolean done = switch (resolution) {
			case SENT -> this.entries.resolveUnknownAsSent(id, now);
			case RETRY -> this.entries.resolveUnknownAsRetry(id, now);
		};
		return logged(id, "resolve as " + resolution, InfobipOutboxStatus.UNKNOWN, done);
	}

	@Override
	public boolean cancel(String id) {
		return logged(id, "cancel", InfobipOutboxStatus.PENDING, this.entries.cancel(id, this.clock.instant()));
	}

	/**
	 * Record a delivery report in the ledger, on the entry whose Infobip message id it
	 * names; one that comes before that id was recorded is kept and applied once it is.
	 * @param report the report
	 * @return whether an entry was updated now
	 */
	public boolean recordDeliveryReport(DeliveryReport report) {
		String messageId = report.messageId();
		return messageId != null && this.reports.recordDelivery(messageId, report.bulkId(),
				report.status().group().name(), report.status().name(), this.clock.instant());
	}

	/**
	 * Record a tracking event in the ledger, on the entry whose Infobip message id it
	 * names; one that comes before that id was recorded is kept and applied once it is.
	 * @param notification the event
	 * @return whether an entry was updated now
	 */
	public boolean recordTrackingEvent(TrackingNotification notification) {
		String messageId = notification.messageId();
		return messageId != null && this.reports.recordTracking(messageId, notification.bulkId(),
				notification.type().name(), this.clock.instant());
	}

	/**
	 * Return the webhook deduplication on this outbox's database, which holds across
	 * every instance that shares it.
	 * @return the deduplication
	 */
	public InfobipWebhookDeduplication webhookDeduplication() {
		return this.webhookDeduplication;
	}

	/**
	 * Return how many entries this instance's dispatchers brought to the given status
	 * since it started: {@code SENT}, {@code FAILED}, {@code UNKNOWN}, or {@code PENDING}
	 * for an attempt that will be repeated.
	 * @param outcome the status
	 * @return the count
	 */
	public long dispatchedCount(InfobipOutboxStatus outcome) {
		return this.dispatcher.dispatched(outcome);
	}

	@Override
	public void start() {
		this.dispatcher.start();
	}

	/**
	 * Stop claiming entries, and wait up to the shutdown timeout for the sends in flight;
	 * what was claimed and not offered is given back.
	 */
	@Override
	public void stop() {
		this.dispatcher.stop();
	}

	@Override
	public boolean isRunning() {
		return this.dispatcher.isRunning();
	}

	@Override
	public int getPhase() {
		return SMART_LIFECYCLE_PHASE;
	}

	private String store(@Nullable String key, InfobipPreparedMessage prepared, @Nullable Instant notBefore) {
		Instant now = this.clock.instant();
		String id = this.inserts.insert(UUID.randomUUID().toString(), key, prepared, now, notBefore);
		if (notBefore == null || !notBefore.isAfter(now)) {
			OutboxDatabase.afterCommit(this.dispatcher::wake);
		}
		return id;
	}

	private static String checkedKey(String key) {
		if (key == null || key.isEmpty() || key.length() > OutboxInserts.MAX_KEY_LENGTH) {
			throw new IllegalArgumentException(
					"Outbox key must have between 1 and " + OutboxInserts.MAX_KEY_LENGTH + " characters");
		}
		return key;
	}

	/**
	 * What follows an outcome recorded by this instance's dispatchers: attention asked
	 * for a failure.
	 */
	private void completed(String id, InfobipOutboxStatus status) {
		if (status == InfobipOutboxStatus.FAILED || status == InfobipOutboxStatus.UNKNOWN) {
			needsAttention(id);
		}
	}

	private void needsAttention(String id) {
		if (this.eventPublisher == null) {
			return;
		}
		try {
			this.entries.find(id)
				.ifPresent((entry) -> this.eventPublisher.publishEvent(new InfobipOutboxAttentionEvent(entry)));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not publish the attention event of outbox entry " + id, ex);
		}
	}

	private boolean logged(String id, String operation, InfobipOutboxStatus from, boolean done) {
		if (logger.isInfoEnabled()) {
			logger.info("Outbox entry " + printable(id) + ": " + operation
					+ (done ? " done" : " not done, it is not " + from) + " (called by " + caller() + ")");
		}
		return done;
	}

	// an id comes from the caller: a control character in it must not forge a log line
	private static String printable(String id) {
		StringBuilder printable = new StringBuilder(id.length());
		id.codePoints().forEach((c) -> printable.append((Character.isISOControl(c)) ? "?" : Character.toString(c)));
		return printable.toString();
	}

	// the first frame outside the outbox: the application's code, or the endpoint's
	private static String caller() {
		return StackWalker.getInstance()
			.walk((frames) -> frames.filter((frame) -> !frame.getClassName().equals(JdbcMailOutbox.class.getName()))
				.findFirst()
				.map((frame) -> frame.getClassName() + "." + frame.getMethodName())
				.orElse("unknown"));
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.autoconfigure.InfobipSmtpOutboxProperties;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The starter's outbox on a database of {@link OutboxDatabase}: each message is enqueued
 * in a transaction of its own, and the outbox's dispatchers (as many as threads, unless
 * configured otherwise) send it. A timed run ends only once every message it enqueued was
 * sent ({@link #awaitSent}). Its dispatchers can be stopped and started again, to let a
 * backlog build up.
 */
final class OutboxSender implements Senders.Sender {

	private static final long AWAIT_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

	// how often the relay's count, then the entries' statuses, are looked at
	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final ConfigurableApplicationContext context;

	private final InfobipMailSender sender;

	private final InfobipMailOutbox outbox;

	private final TransactionTemplate transactions;

	private final InfobipSmtpOutboxProperties settings;

	/**
	 * Start the outbox on the given database.
	 * @param batchSize the entries a dispatcher claims at once, or {@code null} for the
	 * starter's default
	 */
	OutboxSender(int port, Path caPem, int threads, String jdbcUrl, @Nullable Integer batchSize) {
		List<String> properties = new ArrayList<>(Senders.infobipProperties(port, caPem, threads));
		properties.addAll(List.of("infobip.smtp.outbox.enabled=true", "infobip.smtp.outbox.initialize-schema=always",
				"infobip.smtp.outbox.concurrency=" + threads, "spring.datasource.url=" + jdbcUrl,
				"spring.datasource.hikari.maximum-pool-size=" + (2 * threads + 2)));
		if (batchSize != null) {
			properties.add("infobip.smtp.outbox.batch-size=" + batchSize);
		}
		this.context = Senders.start(properties.toArray(String[]::new));
		this.sender = this.context.getBean(InfobipMailSender.class);
		this.outbox = this.context.getBean(InfobipMailOutbox.class);
		this.transactions = new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class));
		this.settings = this.context.getBean(InfobipSmtpOutboxProperties.class);
		long entries = this.outbox.countByStatus().values().stream().mapToLong(Long::longValue).sum();
		if (entries > 0) {
			this.context.close();
			throw new IllegalStateException(
					"the outbox's database must start empty; it has " + entries + " entries: " + jdbcUrl);
		}
	}

	@Override
	public void send(Workload workload, int thread, int i) throws Exception {
		enqueue(build(workload, i));
	}

	MimeMessage build(Workload workload, int i) throws MessagingException {
		return workload.build(this.sender.createMimeMessage(), i, true);
	}

	/**
	 * Enqueue the message in a transaction of its own.
	 * @return the entry's id, once the transaction committed
	 */
	String enqueue(MimeMessage message) {
		String id = this.transactions.execute((status) -> this.outbox.enqueue(message));
		if (id == null) {
			throw new IllegalStateException("enqueue returned no id");
		}
		return id;
	}

	/**
	 * Wait until the entry is no longer pending or being sent.
	 * @return its status then
	 */
	InfobipOutboxStatus awaitDone(String id) {
		long deadline = System.nanoTime() + AWAIT_TIMEOUT_NANOS;
		while (true) {
			InfobipOutboxStatus status = this.outbox.find(id)
				.orElseThrow(() -> new IllegalStateException("no outbox entry " + id))
				.status();
			if (status != InfobipOutboxStatus.PENDING && status != InfobipOutboxStatus.SENDING) {
				return status;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("outbox entry " + id + " still " + status);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	Map<InfobipOutboxStatus, Long> counts() {
		return this.outbox.countByStatus();
	}

	/**
	 * Return the number of entries per status and the relay's count, before a run.
	 */
	Baseline baseline(RelayClient relay) throws IOException {
		return new Baseline(relay.count(), this.outbox.countByStatus());
	}

	/**
	 * Wait until the outbox sent the {@code messages} entries enqueued since the
	 * baseline: first the relay's count is watched, which costs the database nothing,
	 * then the entries' statuses. Fails as soon as any entry is {@code FAILED} or
	 * {@code UNKNOWN}, unless every entry is {@code SENT} and the relay received exactly
	 * {@code messages} messages since the baseline, or after ten minutes.
	 */
	void awaitSent(RelayClient relay, Baseline before, int messages) throws IOException {
		long deadline = System.nanoTime() + AWAIT_TIMEOUT_NANOS;
		long nextCheck = System.nanoTime();
		for (int received = relay.count() - before.relayCount(); received < messages; received = relay.count()
				- before.relayCount()) {
			if (System.nanoTime() - nextCheck > 0) {
				// a failed entry is never received: fail now, not at the deadline
				requireNoneUnsent(this.outbox.countByStatus());
				nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250);
			}
			requireBefore(deadline, "the relay received " + received + " of " + messages + " messages");
			LockSupport.parkNanos(POLL_NANOS);
		}
		Map<InfobipOutboxStatus, Long> counts = this.outbox.countByStatus();
		while (count(counts, InfobipOutboxStatus.PENDING) + count(counts, InfobipOutboxStatus.SENDING) > 0) {
			requireNoneUnsent(counts);
			requireBefore(deadline, "outbox entries still to send: " + counts);
			LockSupport.parkNanos(POLL_NANOS);
			counts = this.outbox.countByStatus();
		}
		requireNoneUnsent(counts);
		long sent = count(counts, InfobipOutboxStatus.SENT) - count(before.counts(), InfobipOutboxStatus.SENT);
		if (sent != messages) {
			throw new IllegalStateException(sent + " outbox entries were sent, not " + messages + ": " + counts);
		}
		relay.expect(before.relayCount(), messages);
	}

	private static void requireNoneUnsent(Map<InfobipOutboxStatus, Long> counts) {
		long unsent = count(counts, InfobipOutboxStatus.FAILED) + count(counts, InfobipOutboxStatus.UNKNOWN);
		if (unsent > 0) {
			throw new IllegalStateException(unsent + " outbox entries were not sent: " + counts);
		}
	}

	private static void requireBefore(long deadline, String state) {
		if (System.nanoTime() - deadline > 0) {
			throw new IllegalStateException("outbox did not send in time: " + state);
		}
	}

	private static long count(Map<InfobipOutboxStatus, Long> counts, InfobipOutboxStatus status) {
		return counts.getOrDefault(status, 0L);
	}

	/**
	 * Stop the dispatchers, so that entries enqueued meanwhile stay pending: the outbox
	 * is a {@link Lifecycle} whose stop waits for the sends in flight.
	 */
	void stopDispatchers() {
		Lifecycle dispatchers = dispatchers();
		dispatchers.stop();
		if (dispatchers.isRunning()) {
			throw new IllegalStateException("the outbox's dispatchers did not stop");
		}
	}

	void startDispatchers() {
		dispatchers().start();
	}

	private Lifecycle dispatchers() {
		if (!(this.outbox instanceof Lifecycle lifecycle)) {
			throw new IllegalStateException("the outbox bean (" + this.outbox.getClass().getName()
					+ ") is no Lifecycle: its dispatchers cannot be stopped for the backlog run");
		}
		return lifecycle;
	}

	int concurrency() {
		return this.settings.getConcurrency();
	}

	int batchSize() {
		return this.settings.getBatchSize();
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The relay's count and the outbox's entries per status before a run.
	 */
	record Baseline(int relayCount, Map<InfobipOutboxStatus, Long> counts) {

	}

}

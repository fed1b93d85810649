/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.infobip.smtp.benchmark.BenchmarkOptions.OutboxOptions;
import com.infobip.smtp.benchmark.OutboxSender;
import com.infobip.smtp.benchmark.OutboxSender.Baseline;
import com.infobip.smtp.benchmark.Senders.Sender;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import jakarta.mail.internet.MimeMessage;

/**
 * The outbox's runs, in the benchmark's own JVM, on each database asked for (a fresh one
 * each), with the multipart workload, beside InfobipMailSender sending the same messages
 * directly, warm, in the same JVM to the same relay, measured again on each database
 * right before the timed drain (after the end-to-end runs and an untimed drain, so that
 * the JVM and the relay are as warm for both):
 * <ul>
 * <li>end to end: the threads enqueue each message in a transaction of its own while the
 * dispatchers send; from the first enqueue to the last entry {@code SENT};</li>
 * <li>backlog drain: the entries committed with the dispatchers stopped, then the
 * dispatchers started; from the start to the last entry {@code SENT}: the outbox's own
 * part, with nothing else running;</li>
 * <li>latency with the outbox idle: one message at a time, each in a transaction of its
 * own, from the commit's return to the relay's receipt, and to the entry seen
 * {@code SENT};</li>
 * </ul>
 * then one summary line per database. Every run checks that every entry was {@code SENT},
 * none {@code FAILED} or {@code UNKNOWN}, and that the relay received exactly as many
 * messages.
 */
final class OutboxRuns {

	// the pause after an entry was seen SENT, for the dispatchers to be idle again before
	// the next message of the latency run
	private static final long IDLE_PAUSE_MILLIS = 10;

	private static final long RELAY_TIMEOUT_MILLIS = 30_000;

	private static final Workload WORKLOAD = Workload.MULTIPART;

	private OutboxRuns() {
	}

	/**
	 * Run the outbox on every database of the options, in order.
	 * @param messages the messages of the end-to-end run (after as many untimed), and of
	 * the direct sender's warm-up
	 */
	static void run(RelayClient relay, int messages, int threads, OutboxOptions options) throws Exception {
		Map<String, Summary> summaries = new LinkedHashMap<>();
		String settings = "";
		try (Sender direct = Senders.create("infobip", relay.port(), relay.caPem(), threads)) {
			// untimed: the direct figure is the warm sender's
			TimedSends.run(direct, WORKLOAD, relay, messages, threads);
			boolean sharedClock = relay.sharesClock();
			for (String name : options.databases()) {
				try (OutboxDatabase database = OutboxDatabase.open(name);
						OutboxSender outbox = new OutboxSender(relay.port(), relay.caPem(), threads, database.url(),
								options.batchSize())) {
					settings = String.format(Locale.ROOT, "concurrency %d, pool.max-connections %d, batch size %d",
							outbox.concurrency(), threads, outbox.batchSize());
					String heading = String.format(Locale.ROOT, "%s, %s, %s", WORKLOAD.description(),
							database.description(), settings);
					summaries.put(name,
							runOn(outbox, direct, relay, database, heading, messages, threads, options, sharedClock));
				}
			}
		}
		System.out.printf(Locale.ROOT,
				"%noutbox summary, %s, %s, %d threads: direct and drain over %d messages, enqueue with the dispatchers stopped, latency commit to relay, end to end over %d%n",
				WORKLOAD.description(), settings, threads, options.drainMessages(), messages);
		ResultTables.printOutboxSummary(summaries);
	}

	private static Summary runOn(OutboxSender outbox, Sender direct, RelayClient relay, OutboxDatabase database,
			String heading, int messages, int threads, OutboxOptions options, boolean sharedClock) throws Exception {
		int entries = options.drainMessages();
		// untimed: the outbox's path compiled by the JIT before any of its runs is timed
		endToEnd(outbox, relay, messages, threads);
		Result[] endToEnd = endToEnd(outbox, relay, messages, threads);
		// untimed: the drain's own path compiled by the JIT, as the direct sender's is
		drain(outbox, relay, entries, threads);
		// right before the drain, so that the JVM and the relay are as warm for both
		Result directResult = TimedSends.run(direct, WORKLOAD, relay, entries, threads);
		Result[] drain = drain(outbox, relay, entries, threads);

		System.out.printf(Locale.ROOT,
				"%noutbox end to end, %s: %d messages (after %d untimed), each enqueued in its own transaction from %d threads while the dispatchers send, from the first enqueue to the last entry SENT; InfobipMailSender directly, warm, %d messages in this JVM, measured after the end-to-end runs and an untimed drain, right before the timed drain%n",
				heading, messages, messages, threads, entries);
		Map<String, Result> results = new LinkedHashMap<>();
		results.put("infobip", directResult);
		results.put("outbox", endToEnd[0]);
		ResultTables.printOutbox(results);
		System.out.printf(Locale.ROOT, "  outbox enqueue alone: %.1f msg/s%n", endToEnd[1].rate());

		System.out.printf(Locale.ROOT,
				"%noutbox backlog drain, %s: %d entries committed from %d threads with the dispatchers stopped, each in its own transaction, then the dispatchers started, from their start to the last entry SENT; InfobipMailSender directly as above%n",
				heading, entries, threads);
		results = new LinkedHashMap<>();
		results.put("infobip", directResult);
		results.put("drain", drain[0]);
		ResultTables.printOutbox(results);
		System.out.printf(Locale.ROOT,
				"  enqueue alone, dispatchers stopped: %.1f msg/s, %.3f thread CPU ms (process CPU of the drain: this JVM%s)%n",
				drain[1].rate(), drain[1].threadCpuMillis(),
				database.inThisJvm() ? ", the database's engine included" : ", not the database server");

		System.out.printf(Locale.ROOT,
				"%noutbox latency with the outbox idle, %s: %d messages one at a time (after %d untimed), each enqueued in its own transaction, the next %d ms after the entry was seen SENT%n",
				heading, options.latencyMessages(), options.latencyWarmup(), IDLE_PAUSE_MILLIS);
		System.out.printf(Locale.ROOT, "  from the commit's return to %s; to SENT: polling the entry every 1 ms%n",
				sharedClock ? String.format(Locale.ROOT,
						"the relay's receive time (the relay process's clock when it saw its count reach the message, polled every %d us; its clock is this JVM's, checked)",
						RelayProcess.AWAIT_POLL_NANOS / 1000)
						: String.format(Locale.ROOT,
								"the relay's answer reaching this JVM (the relay process polls its count every %d us; its clock is not this JVM's, so its own time is not used)",
								RelayProcess.AWAIT_POLL_NANOS / 1000));
		Latencies[] latencies = latency(outbox, relay, options.latencyWarmup(), options.latencyMessages(), sharedClock);
		Map<String, Latencies> lines = new LinkedHashMap<>();
		lines.put("commit to relay", latencies[0]);
		lines.put("commit to SENT seen", latencies[1]);
		ResultTables.printLatencies(lines);
		return new Summary(directResult, drain[0], drain[1], latencies[0], endToEnd[0]);
	}

	/**
	 * The threads enqueue while the dispatchers send.
	 * @return the rate from the first enqueue to the last entry sent, with the enqueueing
	 * threads' CPU and the process's while they enqueued; and the enqueueing alone
	 */
	private static Result[] endToEnd(OutboxSender outbox, RelayClient relay, int messages, int threads)
			throws Exception {
		Baseline before = outbox.baseline(relay);
		long start = System.nanoTime();
		Result enqueued = TimedSends.run(outbox, WORKLOAD, null, messages, threads);
		outbox.awaitSent(relay, before, messages);
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result[] { new Result(messages / seconds, enqueued.threadCpuMillis(), enqueued.processCpuMillis()),
				enqueued };
	}

	/**
	 * Commit a backlog with the dispatchers stopped, then time them draining it.
	 * @return the drain's rate and this process's CPU per entry meanwhile; and the
	 * enqueueing
	 */
	private static Result[] drain(OutboxSender outbox, RelayClient relay, int entries, int threads) throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		Baseline before = outbox.baseline(relay);
		outbox.stopDispatchers();
		Result enqueued = TimedSends.run(outbox, WORKLOAD, null, entries, threads);
		// nothing may have left while the dispatchers were stopped
		relay.expect(before.relayCount(), 0);
		long pending = outbox.counts().getOrDefault(InfobipOutboxStatus.PENDING, 0L);
		if (pending != entries) {
			throw new IllegalStateException(pending + " entries pending, not " + entries + ": " + outbox.counts());
		}
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		outbox.startDispatchers();
		outbox.awaitSent(relay, before, entries);
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6 / entries;
		// the dispatchers are the outbox's threads: their CPU alone is not measured
		return new Result[] { new Result(entries / seconds, Double.NaN, cpuMillis), enqueued };
	}

	/**
	 * One message at a time: the relay is asked to report the message's arrival before it
	 * is committed, so that its answer cannot come early; the next message waits until
	 * the entry was seen {@code SENT} and a pause passed.
	 * @return commit to relay, and commit to {@code SENT} seen
	 */
	private static Latencies[] latency(OutboxSender outbox, RelayClient relay, int warmup, int messages,
			boolean sharedClock) throws Exception {
		int before = relay.count();
		long[] toRelay = new long[messages];
		long[] toSent = new long[messages];
		for (int k = 0; k < warmup + messages; k++) {
			MimeMessage message = outbox.build(WORKLOAD, k);
			relay.awaitCount(before + k + 1, RELAY_TIMEOUT_MILLIS);
			String id = outbox.enqueue(message);
			long committed = System.nanoTime();
			long relayNanos = relay.arrivalNanos();
			long received = sharedClock ? relayNanos : System.nanoTime();
			InfobipOutboxStatus status = outbox.awaitDone(id);
			long done = System.nanoTime();
			if (status != InfobipOutboxStatus.SENT) {
				throw new IllegalStateException("outbox entry " + id + " ended " + status + ", not SENT");
			}
			if (k >= warmup) {
				toRelay[k - warmup] = received - committed;
				toSent[k - warmup] = done - committed;
			}
			Thread.sleep(IDLE_PAUSE_MILLIS);
		}
		relay.expect(before, warmup + messages);
		return new Latencies[] { Latencies.of(toRelay), Latencies.of(toSent) };
	}

	/**
	 * Percentiles of latencies (nearest rank), in milliseconds.
	 */
	record Latencies(int count, double p50, double p90, double p99, double max, double mean) {

		static Latencies of(long[] nanos) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return new Latencies(sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
					sorted[sorted.length - 1] / 1e6, Arrays.stream(sorted).average().orElse(0) / 1e6);
		}

		private static double percentile(long[] sorted, int percent) {
			int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
			return sorted[Math.max(0, rank - 1)] / 1e6;
		}

	}

	/**
	 * What the outbox runs measured on one database.
	 */
	record Summary(Result direct, Result drain, Result enqueue, Latencies latency, Result endToEnd) {

	}

}

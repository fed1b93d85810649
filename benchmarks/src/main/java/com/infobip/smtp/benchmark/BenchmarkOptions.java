/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a benchmark run was asked for: the arguments (messages, threads, messages for the
 * heap check) and the {@code benchmark.*} system properties, with their defaults; see
 * {@link MailSenderBenchmark}.
 *
 * @param outbox whether to run the outbox beside the direct sender after the warm runs
 * @param layouts the {@link Layout layouts} every sender's JVM runs in, in order
 */
record BenchmarkOptions(int messages, int threads, int heapSends, String mode, int rounds, List<Integer> latencies,
		int latencyMessages, boolean cold, boolean outbox, List<String> layouts) {

	static BenchmarkOptions parse(String[] args) {
		int messages = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 8;
		int heapSends = (args.length > 2) ? Integer.parseInt(args[2]) : 100_000;
		String mode = System.getProperty("benchmark.mode", "full");
		int rounds = Integer.getInteger("benchmark.rounds", 1);
		List<Integer> latencies = new ArrayList<>();
		for (String latency : System.getProperty("benchmark.latencies", "20,100").split(",")) {
			if (!latency.isBlank()) {
				latencies.add(Integer.parseInt(latency.trim()));
			}
		}
		int latencyMessages = Integer.getInteger("benchmark.latency-messages", 400);
		boolean cold = Boolean.parseBoolean(System.getProperty("benchmark.cold", "true"));
		boolean outbox = Boolean.parseBoolean(System.getProperty("benchmark.outbox", "true"));
		return new BenchmarkOptions(messages, threads, heapSends, mode, rounds, latencies, latencyMessages, cold,
				outbox, parseLayouts());
	}

	private static List<String> parseLayouts() {
		List<String> layouts = new ArrayList<>();
		for (String layout : System.getProperty("benchmark.layouts", "jar,extracted").split(",")) {
			String name = layout.trim().toLowerCase(Locale.ROOT);
			if (!name.isEmpty() && !layouts.contains(name)) {
				if (!Layout.NAMES.contains(name)) {
					throw new IllegalArgumentException("benchmark.layouts: unknown layout " + name + ", not one of "
							+ String.join(", ", Layout.NAMES));
				}
				layouts.add(name);
			}
		}
		if (layouts.isEmpty()) {
			throw new IllegalArgumentException(
					"benchmark.layouts: no layout, one or more of " + String.join(", ", Layout.NAMES));
		}
		return layouts;
	}

	/**
	 * Return the senders of the warm runs, in order: {@code stock}, {@code sjm},
	 * {@code infobip}, {@code ceiling} by default; {@code infobip-noop} is the starter
	 * with {@code ObservationRegistry.NOOP}.
	 * @return the senders' names
	 */
	List<String> warmSenders() {
		List<String> senders = new ArrayList<>();
		for (String sender : System.getProperty("benchmark.senders", String.join(",", BenchmarkRuns.SENDERS))
			.split(",")) {
			if (!sender.isBlank()) {
				senders.add(sender.trim());
			}
		}
		return senders;
	}

	/**
	 * Return the workloads of the warm runs, in order.
	 * @return the workloads, all of them by default
	 */
	List<Workload> warmWorkloads() {
		List<Workload> workloads = new ArrayList<>();
		for (String workload : System.getProperty("benchmark.workloads", "MULTIPART,ATTACHMENT,PLAIN").split(",")) {
			if (!workload.isBlank()) {
				workloads.add(Workload.valueOf(workload.trim().toUpperCase(Locale.ROOT)));
			}
		}
		return workloads;
	}

	/**
	 * Return the workload of the profile runs, read only for them.
	 * @return the workload, {@code MULTIPART} by default
	 */
	Workload profileWorkload() {
		return Workload.valueOf(System.getProperty("benchmark.workload", "MULTIPART"));
	}

	/**
	 * Return what the outbox runs were asked for, read only for them.
	 * @return the outbox options
	 */
	OutboxOptions outboxOptions() {
		List<String> databases = new ArrayList<>();
		for (String database : System.getProperty("benchmark.outbox.databases", "h2,postgresql").split(",")) {
			if (!database.isBlank()) {
				databases.add(database.trim().toLowerCase(Locale.ROOT));
			}
		}
		String batchSize = System.getProperty("benchmark.outbox.batch-size", "");
		return new OutboxOptions(databases, positive("benchmark.outbox.drain-messages", 10_000),
				positive("benchmark.outbox.latency-messages", 500),
				Integer.getInteger("benchmark.outbox.latency-warmup", 50),
				batchSize.isBlank() ? null : Integer.valueOf(batchSize.trim()));
	}

	private static int positive(String property, int defaultValue) {
		int value = Integer.getInteger(property, defaultValue);
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be positive");
		}
		return value;
	}

	/**
	 * What the outbox runs were asked for.
	 *
	 * @param databases the databases to run on, in order: {@code h2}, {@code postgresql}
	 * @param drainMessages the entries of the backlog drained
	 * @param latencyMessages the messages whose latency is measured
	 * @param latencyWarmup the messages sent the same way before, untimed
	 * @param batchSize the entries a dispatcher claims at once, or {@code null} for the
	 * starter's default
	 */
	record OutboxOptions(List<String> databases, int drainMessages, int latencyMessages, int latencyWarmup,
			@Nullable Integer batchSize) {

	}

}

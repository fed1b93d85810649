/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.infobip.smtp.benchmark.SenderJvm.ChildResult;
import com.infobip.smtp.benchmark.Senders.Sender;

/**
 * The benchmark's runs, each printing its tables: the relay's warm-up, the cold, warm and
 * latency runs (a fresh JVM per sender and {@link Layout layout}, every layout in every
 * round, mean and median over the rounds printed per layout), the heap check and the
 * profile runs; the outbox's are {@link OutboxRuns}.
 */
final class BenchmarkRuns {

	static final List<String> SENDERS = List.of("stock", "sjm", "infobip", "ceiling");

	private BenchmarkRuns() {
	}

	/**
	 * InfobipMailSender's warm runs only, in this JVM, for a profiler.
	 */
	static void profileRuns(RelayClient relay, Workload workload, int messages, int threads) throws Exception {
		try (Sender infobip = Senders.create("infobip", relay.port(), relay.caPem(), threads)) {
			for (int run = 0; run < 4; run++) {
				Result result = TimedSends.run(infobip, workload, relay, messages, threads);
				System.out.printf(Locale.ROOT, "profile run %d: %s%n", run, result);
			}
		}
	}

	/**
	 * Warm the relay's JVM, on new connections and on reused ones, before any sender is
	 * measured: the first sender would otherwise meet a colder relay than the others, and
	 * relay and senders share the machine's cores.
	 */
	static void warmRelay(RelayClient relay, int threads) throws Exception {
		long start = System.nanoTime();
		int sent = 0;
		// stock opens a connection per message, the starter reuses them
		for (String name : List.of("stock", "infobip")) {
			int messages = name.equals("stock") ? 500 : 5000;
			try (Sender sender = Senders.create(name, relay.port(), relay.caPem(), threads)) {
				TimedSends.run(sender, Workload.MULTIPART, relay, messages, threads);
			}
			sent += messages;
		}
		System.out.printf(Locale.ROOT, "relay warmed with %d messages in %.1f s%n", sent,
				(System.nanoTime() - start) / 1e9);
	}

	static void warmRuns(RelayClient relay, List<Layout> layouts, List<Workload> workloads, List<String> senders,
			int messages, int threads, int rounds, int heapSends) throws Exception {
		for (Workload workload : workloads) {
			int count = (workload == Workload.ATTACHMENT) ? messages / 4 : messages;
			System.out.printf(Locale.ROOT,
					"%nwarm, %s: %d messages (after %d untimed) in a fresh JVM per sender and layout, %d round(s)%n",
					workload.description(), count, count, rounds);
			ResultTables.Rounds results = new ResultTables.Rounds(rounds);
			for (int round = 0; round < rounds; round++) {
				for (Layout layout : layouts) {
					Map<String, Result> roundResults = new LinkedHashMap<>();
					for (String name : senders) {
						roundResults.put(name,
								SenderJvm.run(name, layout, relay, relay.port(), workload, count, count, threads)
									.result());
					}
					results.add(round, layout, roundResults);
				}
			}
			results.print("warm, " + workload.description());
		}
		if (heapSends > 0) {
			try (Senders.InfobipSender sender = new Senders.InfobipSender(relay.port(), relay.caPem(), threads)) {
				heapCheck(sender, relay, heapSends, threads);
			}
		}
	}

	/**
	 * Through the delaying proxy, after a warm-up straight to the relay: the JIT has
	 * compiled the send path, so the figure is about the round trips.
	 */
	static void latencyRuns(RelayClient relay, List<Layout> layouts, int roundTrip, int warmup, int messages,
			int threads) throws Exception {
		int port = relay.proxyPort(roundTrip);
		System.out.printf(Locale.ROOT,
				"%n%d ms round trip, %s: %d messages, after %d untimed straight to the relay, in a fresh JVM per sender and layout%n",
				roundTrip, Workload.MULTIPART.description(), messages, warmup);
		ResultTables.Rounds results = new ResultTables.Rounds(1);
		for (Layout layout : layouts) {
			Map<String, Result> layoutResults = new LinkedHashMap<>();
			for (String name : SENDERS) {
				layoutResults.put(name,
						SenderJvm.run(name, layout, relay, port, Workload.MULTIPART, warmup, messages, threads)
							.result());
			}
			results.add(0, layout, layoutResults);
		}
		results.print(String.format(Locale.ROOT, "%d ms round trip, %s", roundTrip, Workload.MULTIPART.description()));
	}

	static void coldRuns(RelayClient relay, List<Layout> layouts, int messages, int threads, int rounds)
			throws Exception {
		System.out.printf(Locale.ROOT,
				"%ncold, %s: the first %d messages of a fresh JVM per sender and layout, %d round(s)%n",
				Workload.MULTIPART.description(), messages, rounds);
		ResultTables.Rounds results = new ResultTables.Rounds(rounds);
		for (int round = 0; round < rounds; round++) {
			for (Layout layout : layouts) {
				Map<String, Result> roundResults = new LinkedHashMap<>();
				for (String name : SENDERS.subList(0, 3)) {
					ChildResult child = SenderJvm.run(name, layout, relay, relay.port(), Workload.MULTIPART, 0,
							messages, threads);
					System.out.printf(Locale.ROOT, "  %-26s started in %5d ms, layout %s%n", Senders.label(name),
							child.startMillis(), layout.description());
					roundResults.put(name, child.result());
				}
				results.add(round, layout, roundResults);
			}
		}
		results.print("cold, " + Workload.MULTIPART.description());
	}

	private static void heapCheck(Senders.InfobipSender sender, RelayClient relay, int heapSends, int threads)
			throws Exception {
		int parts = 5;
		List<Long> heap = new ArrayList<>();
		System.out.printf(Locale.ROOT, "%nheap, InfobipMailSender, %s, %d messages%n", Workload.MULTIPART.description(),
				heapSends);
		for (int part = 1; part <= parts; part++) {
			TimedSends.run(sender, Workload.MULTIPART, relay, heapSends / parts, threads);
			heap.add(usedHeapAfterGc());
			System.out.printf(Locale.ROOT, "heap after %6d sends: %6.1f MB%n", part * (heapSends / parts),
					heap.get(heap.size() - 1) / 1048576.0);
		}
		double growth = (heap.get(heap.size() - 1) - heap.get(0)) / 1048576.0;
		System.out.printf(Locale.ROOT, "heap growth from first to last part: %+.1f MB (%s)%n", growth,
				(growth < 8) ? "flat" : "GROWING");
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}

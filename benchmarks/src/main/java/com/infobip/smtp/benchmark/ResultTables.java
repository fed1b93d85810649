/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Prints what the senders measured as the benchmark's tables: per layout and sender,
 * messages per second, thread and process CPU milliseconds per message and the ratios to
 * stock Spring Boot mail and to Simple Java Mail, the mean over the rounds and, when
 * there are several, the median and one line per round. The outbox's tables have the
 * ratio to the direct sender instead, and its latencies percentiles. Later runs are
 * compared against earlier ones, so the format stays as it is.
 */
final class ResultTables {

	private ResultTables() {
	}

	static void print(Map<String, Result> results) {
		Result stock = results.get("stock");
		Result sjm = results.get("sjm");
		System.out.printf(Locale.ROOT, "  %-26s %9s %14s %15s %9s %9s%n", "", "msg/s", "thread CPU ms",
				"process CPU ms", "vs stock", "vs SJM");
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			Result result = entry.getValue();
			System.out.printf(Locale.ROOT, "  %-26s %9.1f %14.3f %15.3f %9s %9s%n", Senders.label(entry.getKey()),
					result.rate(), result.threadCpuMillis(), result.processCpuMillis(), ratio(result, stock),
					ratio(result, sjm));
		}
	}

	// one line per round, so that the spread behind the averages shows
	static void printRound(int round, Layout layout, Map<String, Result> results) {
		StringBuilder line = new StringBuilder(
				String.format(Locale.ROOT, "  round %d, %s:", round, layout.description()));
		Result stock = results.get("stock");
		Result sjm = results.get("sjm");
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			Result result = entry.getValue();
			line.append(String.format(Locale.ROOT, " %s %.1f msg/s %.3f ms", entry.getKey(), result.rate(),
					result.threadCpuMillis()));
			if (entry.getKey().equals("infobip")) {
				line.append(
						String.format(Locale.ROOT, " (%s stock, %s SJM)", ratio(result, stock), ratio(result, sjm)));
			}
			line.append(';');
		}
		System.out.println(line);
	}

	/**
	 * What the rounds of one kind of run measured, per layout and sender, in the order
	 * run; printed as one table of the means per layout and, over several rounds, one of
	 * the medians and the median of the starter's ratios round by round.
	 */
	static final class Rounds {

		private final Map<Layout, Map<String, List<Result>>> results = new LinkedHashMap<>();

		private final int rounds;

		Rounds(int rounds) {
			this.rounds = rounds;
		}

		/**
		 * Keep what the senders measured in one round and layout, printed as its line
		 * when there are several rounds.
		 */
		void add(int round, Layout layout, Map<String, Result> roundResults) {
			Map<String, List<Result>> layoutResults = this.results.computeIfAbsent(layout,
					(key) -> new LinkedHashMap<>());
			roundResults
				.forEach((name, result) -> layoutResults.computeIfAbsent(name, (key) -> new ArrayList<>()).add(result));
			if (this.rounds > 1) {
				printRound(round + 1, layout, roundResults);
			}
		}

		/**
		 * Print the tables of each layout.
		 * @param heading what was run, e.g. {@code warm, multipart}
		 */
		void print(String heading) {
			for (Map.Entry<Layout, Map<String, List<Result>>> entry : this.results.entrySet()) {
				String layout = entry.getKey().description();
				if (this.rounds == 1) {
					System.out.printf(Locale.ROOT, "%s, layout %s, 1 round:%n", heading, layout);
					ResultTables.print(reduce(entry.getValue(), Result::mean));
					continue;
				}
				System.out.printf(Locale.ROOT, "%s, layout %s, mean of %d rounds:%n", heading, layout, this.rounds);
				ResultTables.print(reduce(entry.getValue(), Result::mean));
				System.out.printf(Locale.ROOT, "%s, layout %s, median of %d rounds:%n", heading, layout, this.rounds);
				ResultTables.print(reduce(entry.getValue(), Result::median));
				System.out.printf(Locale.ROOT,
						"  InfobipMailSender's ratio in each round, median (lowest, highest): %s stock, %s SJM%n",
						roundRatios(entry.getValue(), "stock"), roundRatios(entry.getValue(), "sjm"));
			}
		}

		private static Map<String, Result> reduce(Map<String, List<Result>> results,
				Function<List<Result>, Result> reduction) {
			Map<String, Result> reduced = new LinkedHashMap<>();
			results.forEach((name, rounds) -> reduced.put(name, reduction.apply(rounds)));
			return reduced;
		}

		// each round's ratio is of two JVMs run one after the other, on the same
		// machine's load
		private static String roundRatios(Map<String, List<Result>> results, String base) {
			List<Result> infobip = results.get("infobip");
			List<Result> bases = results.get(base);
			if (infobip == null || bases == null) {
				return "-";
			}
			double[] ratios = new double[infobip.size()];
			for (int i = 0; i < ratios.length; i++) {
				ratios[i] = infobip.get(i).rate() / bases.get(i).rate();
			}
			return String.format(Locale.ROOT, "%.1fx (%.1fx, %.1fx)", Result.median(ratios),
					Arrays.stream(ratios).min().orElse(Double.NaN), Arrays.stream(ratios).max().orElse(Double.NaN));
		}

	}

	/**
	 * An outbox table: per line, messages per second, CPU per message (a dash where the
	 * sending threads are not the caller's) and the ratio to the direct sender, the line
	 * {@code infobip}.
	 */
	static void printOutbox(Map<String, Result> results) {
		Result direct = results.get("infobip");
		System.out.printf(Locale.ROOT, "  %-26s %9s %14s %15s %10s%n", "", "msg/s", "thread CPU ms", "process CPU ms",
				"vs direct");
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			Result result = entry.getValue();
			System.out.printf(Locale.ROOT, "  %-26s %9.1f %14s %15s %10s%n", Senders.label(entry.getKey()),
					result.rate(), millis(result.threadCpuMillis()), millis(result.processCpuMillis()),
					entry.getKey().equals("infobip") ? "-" : fraction(result, direct));
		}
	}

	/**
	 * Latency lines: percentiles in milliseconds.
	 */
	static void printLatencies(Map<String, OutboxRuns.Latencies> latencies) {
		System.out.printf(Locale.ROOT, "  %-26s %9s %9s %9s %9s %9s %9s%n", "", "messages", "p50 ms", "p90 ms",
				"p99 ms", "max ms", "mean ms");
		for (Map.Entry<String, OutboxRuns.Latencies> entry : latencies.entrySet()) {
			OutboxRuns.Latencies latency = entry.getValue();
			System.out.printf(Locale.ROOT, "  %-26s %9d %9.2f %9.2f %9.2f %9.2f %9.2f%n", entry.getKey(),
					latency.count(), latency.p50(), latency.p90(), latency.p99(), latency.max(), latency.mean());
		}
	}

	/**
	 * One line per database: the outbox's figures side by side.
	 */
	static void printOutboxSummary(Map<String, OutboxRuns.Summary> summaries) {
		System.out.printf(Locale.ROOT, "  %-26s %12s %11s %9s %13s %9s %9s %11s%n", "", "direct msg/s", "drain msg/s",
				"vs direct", "enqueue msg/s", "p50 ms", "p99 ms", "e2e msg/s");
		for (Map.Entry<String, OutboxRuns.Summary> entry : summaries.entrySet()) {
			OutboxRuns.Summary summary = entry.getValue();
			System.out.printf(Locale.ROOT, "  %-26s %12.1f %11.1f %9s %13.1f %9.2f %9.2f %11.1f%n", entry.getKey(),
					summary.direct().rate(), summary.drain().rate(), fraction(summary.drain(), summary.direct()),
					summary.enqueue().rate(), summary.latency().p50(), summary.latency().p99(),
					summary.endToEnd().rate());
		}
	}

	// the outbox's ratios are below 1: two decimals
	private static String fraction(Result result, Result base) {
		return String.format(Locale.ROOT, "%.2fx", result.rate() / base.rate());
	}

	private static String millis(double millis) {
		return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.3f", millis);
	}

	private static String ratio(Result result, @Nullable Result base) {
		return (base != null) ? String.format(Locale.ROOT, "%.1fx", result.rate() / base.rate()) : "-";
	}

}

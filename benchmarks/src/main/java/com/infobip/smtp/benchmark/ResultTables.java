/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.util.Locale;
import java.util.Map;

/**
 * Prints what the senders measured as the benchmark's tables: per sender, messages per
 * second, thread and process CPU milliseconds per message and the ratios to stock Spring
 * Boot mail and to Simple Java Mail, averaged over the rounds; and, when there are
 * several rounds, one line per round. Later runs are compared against earlier ones, so
 * the format stays as it is.
 */
final class ResultTables {

	private ResultTables() {
	}

	static void print(Map<String, Result> results, int rounds) {
		Result stock = results.get("stock");
		Result sjm = results.get("sjm");
		System.out.printf(Locale.ROOT, "  %-26s %9s %14s %15s %9s %9s%n", "", "msg/s", "thread CPU ms",
				"process CPU ms", "vs stock", "vs SJM");
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			Result result = entry.getValue().divide(rounds);
			System.out.printf(Locale.ROOT, "  %-26s %9.1f %14.3f %15.3f %9s %9s%n", Senders.label(entry.getKey()),
					result.rate(), result.threadCpuMillis(), result.processCpuMillis(), ratio(result, stock, rounds),
					ratio(result, sjm, rounds));
		}
	}

	// one line per round, so that the spread behind the averages shows
	static void printRound(int round, Map<String, Result> results) {
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d:", round));
		Result stock = results.get("stock");
		Result sjm = results.get("sjm");
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			Result result = entry.getValue();
			line.append(String.format(Locale.ROOT, " %s %.1f msg/s %.3f ms", entry.getKey(), result.rate(),
					result.threadCpuMillis()));
			if (entry.getKey().equals("infobip")) {
				line.append(String.format(Locale.ROOT, " (%s stock, %s SJM)", ratio(result, stock, 1),
						ratio(result, sjm, 1)));
			}
			line.append(';');
		}
		System.out.println(line);
	}

	private static String ratio(Result result, Result base, int rounds) {
		return (base != null) ? String.format(Locale.ROOT, "%.1fx", result.rate() * rounds / base.rate()) : "-";
	}

}

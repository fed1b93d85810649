/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run was asked for: the arguments (messages, threads, messages for the
 * heap check) and the {@code benchmark.*} system properties, with their defaults; see
 * {@link MailSenderBenchmark}.
 *
 * @param outbox whether to run the outbox beside the direct sender after the warm runs
 */
record BenchmarkOptions(int messages, int threads, int heapSends, String mode, int rounds, List<Integer> latencies,
		int latencyMessages, boolean cold, boolean outbox) {

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
				outbox);
	}

	/**
	 * Return the workload of the profile runs, read only for them.
	 * @return the workload, {@code MULTIPART} by default
	 */
	Workload profileWorkload() {
		return Workload.valueOf(System.getProperty("benchmark.workload", "MULTIPART"));
	}

}

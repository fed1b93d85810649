/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.infobip.smtp.benchmark.Senders.Sender;

/**
 * The timed loop of every run: one sender sends the messages of a workload from a pool of
 * threads, each message built inside the loop, and the rate, the CPU time of the sending
 * threads and that of the whole JVM are measured.
 */
final class TimedSends {

	private TimedSends() {
	}

	/**
	 * Send {@code messages} messages of the workload from {@code threads} threads, each
	 * message built inside the loop.
	 * @param relay the relay whose count to check, or {@code null}
	 */
	static Result run(Sender sender, Workload workload, RelayClient relay, int messages, int threads) throws Exception {
		ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		sender.prepare(workload, threads);
		int before = (relay != null) ? relay.count() : 0;
		AtomicInteger next = new AtomicInteger();
		AtomicLong threadCpu = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long processCpuBefore = os.getProcessCpuTime();
			long start = System.nanoTime();
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				workers.add(pool.submit(() -> {
					long cpuBefore = threadBean.getCurrentThreadCpuTime();
					try {
						for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
							sender.send(workload, thread, i);
						}
					}
					finally {
						threadCpu.addAndGet(threadBean.getCurrentThreadCpuTime() - cpuBefore);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long processCpu = os.getProcessCpuTime() - processCpuBefore;
			if (relay != null) {
				relay.expect(before, messages);
			}
			return new Result(messages / seconds, threadCpu.get() / 1e6 / messages, processCpu / 1e6 / messages);
		}
		finally {
			pool.shutdown();
			sender.finish();
		}
	}

}

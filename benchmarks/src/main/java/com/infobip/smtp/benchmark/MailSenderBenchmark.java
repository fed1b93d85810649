/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Compares, on the same messages, from the same threads, to the same STARTTLS + AUTH
 * relay running in its own JVM ({@link RelayProcess}): stock Spring Boot mail
 * ({@code spring.mail.*}, a JavaMailSenderImpl, one connection per message), Simple Java
 * Mail with its batch module's connection pool, InfobipMailSender, and a ceiling (the
 * same messages serialized once and written over reused connections). Each sender builds
 * its messages itself inside the timed loop, as an application does. Prints, per
 * workload, messages per second, the CPU time of the sending threads per message and the
 * ratios.
 * <p>
 * First the relay is warmed, so that no sender meets it colder than another. Then the
 * cold, warm and latency runs give every sender a fresh JVM of its own, as each
 * application has its own, so that no sender runs on code the JIT compiled for another,
 * and in each {@link Layout layout} asked for (the fat jar with {@code java -jar}, nested
 * jars; the same extracted; the class path), every layout in every round. Cold: the first
 * messages of the fresh JVM. Warm: an untimed warm-up of the same size, then the timed
 * run. Latency: through a proxy that delays each direction by half a round trip, after a
 * warm-up straight to the relay. In this JVM: the heap after many sends through
 * InfobipMailSender, which must stay flat, and the outbox beside the direct sender on
 * each database asked for ({@link OutboxRuns}: end to end, backlog drain, latency with
 * the outbox idle).
 * <p>
 * Arguments: messages (2000), threads (8), messages for the heap check (100000, 0 to
 * skip). System properties: {@code benchmark.latencies} (round trips in ms,
 * {@code 20,100}; empty to skip), {@code benchmark.latency-messages} (400),
 * {@code benchmark.cold} ({@code true}), {@code benchmark.rounds} (1),
 * {@code benchmark.layouts} ({@code jar,extracted}; or {@code classpath}),
 * {@code benchmark.workloads} (the warm runs' workloads,
 * {@code MULTIPART,ATTACHMENT,PLAIN}), {@code benchmark.jar} (the fat jar of the layouts
 * {@code jar} and {@code extracted}), {@code benchmark.outbox} ({@code true}),
 * {@code benchmark.java} (this JVM's java: the java command of the senders' JVMs),
 * {@code benchmark.mode} ({@code full}; {@code outbox}: the outbox runs only;
 * {@code cold}: the cold runs only; {@code profile}: InfobipMailSender's warm runs only,
 * in this JVM, for a profiler, of {@code benchmark.workload}, {@code MULTIPART}). The
 * outbox runs: {@code benchmark.outbox.databases} ({@code h2,postgresql}),
 * {@code benchmark.outbox.drain-messages} (10000),
 * {@code benchmark.outbox.latency-messages} (500),
 * {@code benchmark.outbox.latency-warmup} (50), {@code benchmark.outbox.batch-size} (the
 * starter's default), {@code benchmark.postgresql.url} (none: an embedded PostgreSQL).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MailSenderBenchmark {

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("child")) {
			SenderJvm.child(args);
			return;
		}
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		int messages = options.messages();
		int threads = options.threads();
		int rounds = options.rounds();
		String mode = options.mode();
		try (RelayClient relay = RelayClient.start(options.latencies())) {
			System.out.printf(Locale.ROOT, "%nrelay in its own JVM (pid %d), STARTTLS + AUTH on loopback, %d threads%n",
					relay.pid(), threads);
			if (mode.equals("profile")) {
				BenchmarkRuns.profileRuns(relay, options.profileWorkload(), messages, threads);
				return;
			}
			BenchmarkRuns.warmRelay(relay, threads);
			if (mode.equals("outbox")) {
				OutboxRuns.run(relay, messages, threads, options.outboxOptions());
				return;
			}
			List<Layout> layouts = Layout.prepare(options.layouts());
			if (mode.equals("cold")) {
				BenchmarkRuns.coldRuns(relay, layouts, messages, threads, rounds);
				return;
			}
			if (options.cold()) {
				BenchmarkRuns.coldRuns(relay, layouts, messages, threads, rounds);
			}
			BenchmarkRuns.warmRuns(relay, layouts, options.warmWorkloads(), options.warmSenders(), messages, threads,
					rounds, options.heapSends());
			if (options.outbox()) {
				OutboxRuns.run(relay, messages, threads, options.outboxOptions());
			}
			for (int latency : options.latencies()) {
				BenchmarkRuns.latencyRuns(relay, layouts, latency, messages, options.latencyMessages(), threads);
			}
		}
	}

}

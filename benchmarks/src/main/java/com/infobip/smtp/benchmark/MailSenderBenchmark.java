/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.infobip.smtp.benchmark.Senders.Sender;

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
 * application has its own, so that no sender runs on code the JIT compiled for another.
 * Cold: the first messages of the fresh JVM. Warm: an untimed warm-up of the same size,
 * then the timed run. Latency: through a proxy that delays each direction by half a round
 * trip, after a warm-up straight to the relay. In this JVM: the heap after many sends
 * through InfobipMailSender, which must stay flat, and the outbox beside the direct
 * sender.
 * <p>
 * Arguments: messages (2000), threads (8), messages for the heap check (100000, 0 to
 * skip). System properties: {@code benchmark.latencies} (round trips in ms,
 * {@code 20,100}; empty to skip), {@code benchmark.latency-messages} (400),
 * {@code benchmark.cold} ({@code true}), {@code benchmark.rounds} (1),
 * {@code benchmark.outbox} ({@code true}), {@code benchmark.java} (this JVM's java: the
 * java command of the senders' JVMs), {@code benchmark.mode} ({@code full};
 * {@code outbox}: the outbox run only; {@code cold}: the cold runs only; {@code profile}:
 * InfobipMailSender's warm runs only, in this JVM, for a profiler, of
 * {@code benchmark.workload}, {@code MULTIPART}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MailSenderBenchmark {

	static final List<String> SENDERS = List.of("stock", "sjm", "infobip", "ceiling");

	private static final long CHILD_TIMEOUT_MINUTES = 20;

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("child")) {
			child(args);
			return;
		}
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
		try (RelayClient relay = RelayClient.start(latencies)) {
			System.out.printf(Locale.ROOT, "%nrelay in its own JVM (pid %d), STARTTLS + AUTH on loopback, %d threads%n",
					relay.pid(), threads);
			if (mode.equals("profile")) {
				Workload workload = Workload.valueOf(System.getProperty("benchmark.workload", "MULTIPART"));
				try (Sender infobip = Senders.create("infobip", relay.port(), relay.caPem(), threads)) {
					for (int run = 0; run < 4; run++) {
						Result result = run(infobip, workload, relay, messages, threads);
						System.out.printf(Locale.ROOT, "profile run %d: %s%n", run, result);
					}
				}
				return;
			}
			if (mode.equals("outbox")) {
				outboxRuns(relay, messages, threads);
				return;
			}
			warmRelay(relay, threads);
			if (mode.equals("cold")) {
				coldRuns(relay, messages, threads, rounds);
				return;
			}
			if (cold) {
				coldRuns(relay, messages, threads, rounds);
			}
			warmRuns(relay, messages, threads, rounds, heapSends);
			if (Boolean.parseBoolean(System.getProperty("benchmark.outbox", "true"))) {
				outboxRuns(relay, messages, threads);
			}
			for (int latency : latencies) {
				latencyRuns(relay, latency, messages, latencyMessages, threads);
			}
		}
	}

	/**
	 * Warm the relay's JVM, on new connections and on reused ones, before any sender is
	 * measured: the first sender would otherwise meet a colder relay than the others, and
	 * relay and senders share the machine's cores.
	 */
	private static void warmRelay(RelayClient relay, int threads) throws Exception {
		long start = System.nanoTime();
		int sent = 0;
		// stock opens a connection per message, the starter reuses them
		for (String name : List.of("stock", "infobip")) {
			int messages = name.equals("stock") ? 500 : 5000;
			try (Sender sender = Senders.create(name, relay.port(), relay.caPem(), threads)) {
				run(sender, Workload.MULTIPART, relay, messages, threads);
			}
			sent += messages;
		}
		System.out.printf(Locale.ROOT, "relay warmed with %d messages in %.1f s%n", sent,
				(System.nanoTime() - start) / 1e9);
	}

	private static void warmRuns(RelayClient relay, int messages, int threads, int rounds, int heapSends)
			throws Exception {
		for (Workload workload : Workload.values()) {
			int count = (workload == Workload.ATTACHMENT) ? messages / 4 : messages;
			System.out.printf(Locale.ROOT,
					"%nwarm, %s: %d messages (after %d untimed) in a fresh JVM per sender, %d round(s)%n",
					workload.description(), count, count, rounds);
			Map<String, Result> results = new LinkedHashMap<>();
			for (int round = 0; round < rounds; round++) {
				Map<String, Result> roundResults = new LinkedHashMap<>();
				for (String name : SENDERS) {
					Result result = inOwnJvm(name, relay, relay.port(), workload, count, count, threads).result();
					roundResults.put(name, result);
					results.merge(name, result, Result::plus);
				}
				if (rounds > 1) {
					printRound(round + 1, roundResults);
				}
			}
			print(results, rounds);
		}
		if (heapSends > 0) {
			try (Senders.InfobipSender sender = new Senders.InfobipSender(relay.port(), relay.caPem(), threads)) {
				heapCheck(sender, relay, heapSends, threads);
			}
		}
	}

	/**
	 * The outbox beside the direct sender, on the same relay and messages: the outbox's
	 * rate is from the first enqueue to the last message sent.
	 */
	private static void outboxRuns(RelayClient relay, int messages, int threads) throws Exception {
		Path database = Files.createTempDirectory("infobip-outbox-benchmark").resolve("outbox");
		System.out.printf(Locale.ROOT,
				"%noutbox, %s: %d messages (after %d untimed), each enqueued in its own transaction, H2 file database with WRITE_DELAY=0%n",
				Workload.MULTIPART.description(), messages, messages);
		Map<String, Result> results = new LinkedHashMap<>();
		try (Sender direct = Senders.create("infobip", relay.port(), relay.caPem(), threads);
				Senders.OutboxSender outbox = new Senders.OutboxSender(relay.port(), relay.caPem(), threads,
						database)) {
			run(direct, Workload.MULTIPART, relay, messages, threads);
			results.put("infobip", run(direct, Workload.MULTIPART, relay, messages, threads));
			outboxRun(outbox, relay, messages, threads);
			Result enqueued = outboxRun(outbox, relay, messages, threads);
			results.put("outbox", enqueued);
		}
		print(results, 1);
	}

	private static Result outboxRun(Senders.OutboxSender outbox, RelayClient relay, int messages, int threads)
			throws Exception {
		int before = relay.count();
		long start = System.nanoTime();
		Result enqueued = run(outbox, Workload.MULTIPART, null, messages, threads);
		outbox.awaitDispatched();
		double seconds = (System.nanoTime() - start) / 1e9;
		relay.expect(before, messages);
		System.out.printf(Locale.ROOT, "  outbox enqueue alone: %.1f msg/s%n", enqueued.rate());
		// the rate is end to end; CPU is the enqueueing threads' and the whole process's
		return new Result(messages / seconds, enqueued.threadCpuMillis(), enqueued.processCpuMillis());
	}

	/**
	 * Through the delaying proxy, after a warm-up straight to the relay: the JIT has
	 * compiled the send path, so the figure is about the round trips.
	 */
	private static void latencyRuns(RelayClient relay, int roundTrip, int warmup, int messages, int threads)
			throws Exception {
		int port = relay.proxyPort(roundTrip);
		System.out.printf(Locale.ROOT,
				"%n%d ms round trip, %s: %d messages, after %d untimed straight to the relay, in a fresh JVM per sender%n",
				roundTrip, Workload.MULTIPART.description(), messages, warmup);
		Map<String, Result> results = new LinkedHashMap<>();
		for (String name : SENDERS) {
			results.put(name, inOwnJvm(name, relay, port, Workload.MULTIPART, warmup, messages, threads).result());
		}
		print(results, 1);
	}

	private static void coldRuns(RelayClient relay, int messages, int threads, int rounds) throws Exception {
		System.out.printf(Locale.ROOT, "%ncold, %s: the first %d messages of a fresh JVM per sender, %d round(s)%n",
				Workload.MULTIPART.description(), messages, rounds);
		Map<String, Result> results = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			Map<String, Result> roundResults = new LinkedHashMap<>();
			for (String name : SENDERS.subList(0, 3)) {
				ChildResult child = inOwnJvm(name, relay, relay.port(), Workload.MULTIPART, 0, messages, threads);
				System.out.printf(Locale.ROOT, "  %-26s started in %d ms%n", Senders.label(name), child.startMillis());
				roundResults.put(name, child.result());
				results.merge(name, child.result(), Result::plus);
			}
			if (rounds > 1) {
				printRound(round + 1, roundResults);
			}
		}
		print(results, rounds);
	}

	/**
	 * Run one sender in a fresh JVM of its own: its untimed warm-up, straight to the
	 * relay, then its timed run, to {@code port}. No sender is warmed by another's work,
	 * as each application has a JVM of its own.
	 */
	private static ChildResult inOwnJvm(String name, RelayClient relay, int port, Workload workload, int warmup,
			int messages, int threads) throws Exception {
		List<String> command = new ArrayList<>(javaCommand());
		command.addAll(List.of(MailSenderBenchmark.class.getName(), "child", name, String.valueOf(relay.port()),
				String.valueOf(port), relay.caPem().toString(), workload.name(), String.valueOf(warmup),
				String.valueOf(messages), String.valueOf(threads)));
		int before = relay.count();
		Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		// a child that hangs is ended, which also ends the reading below
		Thread watchdog = new Thread(() -> {
			try {
				if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
					child.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				child.destroyForcibly();
			}
		}, "child-run-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		String line = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			for (String read = out.readLine(); read != null; read = out.readLine()) {
				if (read.startsWith("child-result ")) {
					line = read;
				}
			}
			if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES) || child.exitValue() != 0 || line == null) {
				throw new IllegalStateException("run of " + name + " in its own JVM failed");
			}
		}
		finally {
			child.destroyForcibly();
		}
		relay.expect(before, warmup + messages);
		String[] parts = line.split(" ");
		return new ChildResult(
				new Result(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3])),
				Long.parseLong(parts[4]));
	}

	/**
	 * In a fresh JVM: create one sender, send the untimed warm-up, then time the run; a
	 * warm-up to another port has a sender of its own, closed before the timed one
	 * starts.
	 */
	private static void child(String[] args) throws Exception {
		String name = args[1];
		int warmupPort = Integer.parseInt(args[2]);
		int port = Integer.parseInt(args[3]);
		Path caPem = Path.of(args[4]);
		Workload workload = Workload.valueOf(args[5]);
		int warmup = Integer.parseInt(args[6]);
		int messages = Integer.parseInt(args[7]);
		int threads = Integer.parseInt(args[8]);
		if (warmup > 0 && warmupPort != port) {
			try (Sender sender = Senders.create(name, warmupPort, caPem, threads)) {
				run(sender, workload, null, warmup, threads);
			}
			warmup = 0;
		}
		long start = System.nanoTime();
		try (Sender sender = Senders.create(name, port, caPem, threads)) {
			long started = (System.nanoTime() - start) / 1_000_000;
			if (warmup > 0) {
				run(sender, workload, null, warmup, threads);
			}
			Result result = run(sender, workload, null, messages, threads);
			System.out.printf(Locale.ROOT, "child-result %f %f %f %d%n", result.rate, result.threadCpuMillis,
					result.processCpuMillis, started);
		}
	}

	/**
	 * What a run in its own JVM measured, and how long its sender took to start.
	 */
	record ChildResult(Result result, long startMillis) {

	}

	static List<String> javaCommand() {
		List<String> command = new ArrayList<>();
		// the senders may run on another JDK; the relay runs on this one
		command.add(System.getProperty("benchmark.java",
				Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(List.of("-Xms512m", "-Xmx512m"));
		String extra = System.getProperty("benchmark.child-jvm-arg", "");
		if (!extra.isEmpty()) {
			command.add(extra);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path")));
		return command;
	}

	private static void print(Map<String, Result> results, int rounds) {
		Result stock = results.get("stock");
		Result sjm = results.get("sjm");
		System.out.printf(Locale.ROOT, "  %-26s %9s %14s %15s %9s %9s%n", "", "msg/s", "thread CPU ms",
				"process CPU ms", "vs stock", "vs SJM");
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			Result result = entry.getValue().divide(rounds);
			System.out.printf(Locale.ROOT, "  %-26s %9.1f %14.3f %15.3f %9s %9s%n", Senders.label(entry.getKey()),
					result.rate, result.threadCpuMillis, result.processCpuMillis, ratio(result, stock, rounds),
					ratio(result, sjm, rounds));
		}
	}

	// one line per round, so that the spread behind the averages shows
	private static void printRound(int round, Map<String, Result> results) {
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d:", round));
		Result stock = results.get("stock");
		Result sjm = results.get("sjm");
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			Result result = entry.getValue();
			line.append(String.format(Locale.ROOT, " %s %.1f msg/s %.3f ms", entry.getKey(), result.rate,
					result.threadCpuMillis));
			if (entry.getKey().equals("infobip")) {
				line.append(String.format(Locale.ROOT, " (%s stock, %s SJM)", ratio(result, stock, 1),
						ratio(result, sjm, 1)));
			}
			line.append(';');
		}
		System.out.println(line);
	}

	private static String ratio(Result result, Result base, int rounds) {
		return (base != null) ? String.format(Locale.ROOT, "%.1fx", result.rate * rounds / base.rate) : "-";
	}

	private static void heapCheck(Senders.InfobipSender sender, RelayClient relay, int heapSends, int threads)
			throws Exception {
		int parts = 5;
		List<Long> heap = new ArrayList<>();
		System.out.printf(Locale.ROOT, "%nheap, InfobipMailSender, %s, %d messages%n", Workload.MULTIPART.description(),
				heapSends);
		for (int part = 1; part <= parts; part++) {
			run(sender, Workload.MULTIPART, relay, heapSends / parts, threads);
			heap.add(usedHeapAfterGc());
			System.out.printf(Locale.ROOT, "heap after %6d sends: %6.1f MB%n", part * (heapSends / parts),
					heap.get(heap.size() - 1) / 1048576.0);
		}
		double growth = (heap.get(heap.size() - 1) - heap.get(0)) / 1048576.0;
		System.out.printf(Locale.ROOT, "heap growth from first to last part: %+.1f MB (%s)%n", growth,
				(growth < 8) ? "flat" : "GROWING");
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

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * What one run measured: messages per second, CPU milliseconds per message of the
	 * sending threads and of the whole sending JVM.
	 */
	record Result(double rate, double threadCpuMillis, double processCpuMillis) {

		Result plus(Result other) {
			return new Result(this.rate + other.rate, this.threadCpuMillis + other.threadCpuMillis,
					this.processCpuMillis + other.processCpuMillis);
		}

		Result divide(int n) {
			return new Result(this.rate / n, this.threadCpuMillis / n, this.processCpuMillis / n);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.1f msg/s, %.3f thread CPU ms/msg, %.3f process CPU ms/msg", this.rate,
					this.threadCpuMillis, this.processCpuMillis);
		}

	}

	/**
	 * The relay process, started with the same class path, destroyed when closed.
	 */
	static final class RelayClient implements AutoCloseable {

		private final Process process;

		private final BufferedReader out;

		private final PrintWriter in;

		private final int port;

		private final Path caPem;

		private final Map<Integer, Integer> proxyPorts = new LinkedHashMap<>();

		private RelayClient(Process process, List<Integer> latencies) throws IOException {
			this.process = process;
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
			this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII),
					true);
			String ready = this.out.readLine();
			if (ready == null || !ready.startsWith("ready ")) {
				throw new IllegalStateException("relay did not start: " + ready);
			}
			String[] parts = ready.split(" ");
			this.port = Integer.parseInt(parts[1]);
			this.caPem = Path.of(parts[2]);
			for (int i = 0; i < latencies.size(); i++) {
				this.proxyPorts.put(latencies.get(i), Integer.parseInt(parts[3 + i]));
			}
		}

		static RelayClient start(List<Integer> latencies) throws IOException {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(List.of("-Xms256m", "-Xmx512m",
					"-Dbenchmark.pipelining=" + System.getProperty("benchmark.pipelining", "true"), "-cp",
					System.getProperty("java.class.path"), RelayProcess.class.getName()));
			for (int latency : latencies) {
				command.add(String.valueOf(latency));
			}
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			try {
				return new RelayClient(process, latencies);
			}
			catch (IOException | RuntimeException ex) {
				process.destroyForcibly();
				throw ex;
			}
		}

		long pid() {
			return this.process.pid();
		}

		int port() {
			return this.port;
		}

		int proxyPort(int roundTrip) {
			return this.proxyPorts.get(roundTrip);
		}

		Path caPem() {
			return this.caPem;
		}

		synchronized int count() throws IOException {
			this.in.println("count");
			String line = this.out.readLine();
			if (line == null) {
				throw new IllegalStateException("relay process ended");
			}
			return Integer.parseInt(line.trim());
		}

		void expect(int before, int messages) throws IOException {
			int received = count() - before;
			if (received != messages) {
				throw new IllegalStateException("relay received " + received + " of " + messages + " messages");
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.in.close();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
			this.process.destroyForcibly();
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.infobip.smtp.benchmark.Senders.Sender;

/**
 * Runs one sender in a fresh JVM of its own, as each application has its own, in one of
 * the {@link Layout layouts} applications run in: the parent starts the JVM
 * ({@code MailSenderBenchmark child ...}), checks the class loader it reports against the
 * layout, reads the one result line it prints and checks the relay's count; the child
 * sends the untimed warm-up, then the timed run.
 */
final class SenderJvm {

	private static final long CHILD_TIMEOUT_MINUTES = 20;

	// the layouts whose class loader was printed, once each
	private static final Set<String> REPORTED = new HashSet<>();

	private SenderJvm() {
	}

	/**
	 * Run one sender in a fresh JVM of its own: its untimed warm-up, straight to the
	 * relay, then its timed run, to {@code port}. No sender is warmed by another's work,
	 * as each application has a JVM of its own.
	 */
	static ChildResult run(String name, Layout layout, RelayClient relay, int port, Workload workload, int warmup,
			int messages, int threads) throws Exception {
		List<String> command = new ArrayList<>(javaCommand(layout));
		command
			.addAll(List.of("child", name, String.valueOf(relay.port()), String.valueOf(port), relay.caPem().toString(),
					workload.name(), String.valueOf(warmup), String.valueOf(messages), String.valueOf(threads)));
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
		String classLoader = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			for (String read = out.readLine(); read != null; read = out.readLine()) {
				if (read.startsWith("child-result ")) {
					line = read;
				}
				else if (read.startsWith("child-class-loader ")) {
					classLoader = read.substring("child-class-loader ".length());
				}
			}
			if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES) || child.exitValue() != 0 || line == null
					|| classLoader == null) {
				throw new IllegalStateException("run of " + name + " in its own JVM failed");
			}
		}
		finally {
			child.destroyForcibly();
		}
		relay.expect(before, warmup + messages);
		layout.check(classLoader);
		if (REPORTED.add(layout.name())) {
			System.out.printf(Locale.ROOT, "  layout %s: the sender's JVM runs on %s%n", layout.description(),
					classLoader);
		}
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
	static void child(String[] args) throws Exception {
		// Spring Boot's LaunchedClassLoader for nested jars, the JDK's for a plain class
		// path
		System.out.println("child-class-loader " + Thread.currentThread().getContextClassLoader().getClass().getName());
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
				TimedSends.run(sender, workload, null, warmup, threads);
			}
			warmup = 0;
		}
		long start = System.nanoTime();
		try (Sender sender = Senders.create(name, port, caPem, threads)) {
			long started = (System.nanoTime() - start) / 1_000_000;
			if (warmup > 0) {
				TimedSends.run(sender, workload, null, warmup, threads);
			}
			Result result = TimedSends.run(sender, workload, null, messages, threads);
			System.out.printf(Locale.ROOT, "child-result %f %f %f %d%n", result.rate(), result.threadCpuMillis(),
					result.processCpuMillis(), started);
		}
	}

	/**
	 * What a run in its own JVM measured, and how long its sender took to start.
	 */
	record ChildResult(Result result, long startMillis) {

	}

	/**
	 * Return the {@code java} command of the senders' JVMs.
	 * @return {@code benchmark.java}, by default this JVM's
	 */
	static String java() {
		// the senders may run on another JDK; the relay runs on this one
		return System.getProperty("benchmark.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	// the JVM options before the layout's -jar or -cp, the same in every layout
	private static List<String> javaCommand(Layout layout) {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(List.of("-Xms512m", "-Xmx512m"));
		String extra = System.getProperty("benchmark.child-jvm-arg", "");
		if (!extra.isEmpty()) {
			command.add(extra);
		}
		command.addAll(layout.launch());
		return command;
	}

}

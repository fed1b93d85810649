/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a sender's JVM runs the benchmark's code. Applications run as a Spring Boot fat jar
 * ({@code java -jar}, its libraries nested jars read through Spring Boot's loader) or
 * extracted ({@code java -Djarmode=tools -jar app.jar extract}, then {@code java -jar} on
 * the extracted jar, its libraries on a plain class path); Jakarta Mail looks its
 * providers and classes up through the class loader, so the layout changes what a sender
 * costs. {@code classpath} is the benchmark's own class path, as the runs before had.
 *
 * @param name the value in {@code benchmark.layouts}: {@code jar}, {@code extracted} or
 * {@code classpath}
 * @param description the layout as the tables name it
 * @param launch what follows the JVM options in the command: {@code -jar <jar>}, or
 * {@code -cp <class path> <main class>}
 */
record Layout(String name, String description, List<String> launch) {

	static final List<String> NAMES = List.of("jar", "extracted", "classpath");

	private static final String LAUNCHED_CLASS_LOADER = "org.springframework.boot.loader.launch.LaunchedClassLoader";

	/**
	 * Prepare the layouts asked for: the fat jar ({@code benchmark.jar}) is extracted
	 * once, into a fresh directory beside it, if {@code extracted} is among them.
	 * @param names the layouts' names, in the order to run them
	 * @return the layouts
	 */
	static List<Layout> prepare(List<String> names) throws IOException, InterruptedException {
		List<Layout> layouts = new ArrayList<>();
		for (String name : names) {
			layouts.add(switch (name) {
				case "jar" -> new Layout(name, "java -jar (nested jars)", List.of("-jar", fatJar().toString()));
				case "extracted" -> new Layout(name, "java -jar, extracted", List.of("-jar", extract(fatJar())));
				case "classpath" -> new Layout(name, "plain class path (-cp)",
						List.of("-cp", System.getProperty("java.class.path"), MailSenderBenchmark.class.getName()));
				default -> throw new IllegalArgumentException("benchmark.layouts: unknown layout " + name);
			});
		}
		return layouts;
	}

	/**
	 * Check that a sender's JVM ran as this layout: on Spring Boot's class loader for
	 * nested jars exactly when it is {@code jar}.
	 * @param classLoader the class name of the context class loader the child reported
	 */
	void check(String classLoader) {
		if (this.name.equals("jar") != classLoader.equals(LAUNCHED_CLASS_LOADER)) {
			throw new IllegalStateException("layout " + this.name + " ran on " + classLoader);
		}
	}

	private static Path fatJar() {
		String jar = System.getProperty("benchmark.jar", "");
		if (jar.isEmpty() || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("no fat jar at benchmark.jar=" + jar
					+ " (built by the benchmark module's package phase); or -Dbenchmark.layouts=classpath");
		}
		return Path.of(jar).toAbsolutePath();
	}

	// the extracted jar keeps the fat jar's name; its libraries are in lib/ beside it
	private static String extract(Path jar) throws IOException, InterruptedException {
		String jarName = jar.getFileName().toString();
		Path destination = jar.resolveSibling(jarName.replaceFirst("\\.jar$", "") + "-extracted");
		delete(destination);
		long start = System.nanoTime();
		Process extract = new ProcessBuilder(SenderJvm.java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--destination", destination.toString())
			.redirectOutput(ProcessBuilder.Redirect.INHERIT)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		if (!extract.waitFor(5, TimeUnit.MINUTES)) {
			extract.destroyForcibly();
			throw new IllegalStateException("extracting " + jar + " took over 5 minutes");
		}
		Path extracted = destination.resolve(jarName);
		if (extract.exitValue() != 0 || !Files.isRegularFile(extracted)) {
			throw new IllegalStateException("extracting " + jar + " failed (exit code " + extract.exitValue() + ")");
		}
		System.out.printf(Locale.ROOT, "fat jar extracted to %s in %.1f s%n", destination,
				(System.nanoTime() - start) / 1e9);
		return extracted.toString();
	}

	private static void delete(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}

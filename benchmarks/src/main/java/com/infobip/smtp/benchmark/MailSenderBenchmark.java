/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.testsupport.StartTlsRelay;
import com.infobip.smtp.testsupport.TestCertificates;
import com.infobip.smtp.testsupport.TestCredentials;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends the same messages from the same threads through an in-process STARTTLS + AUTH
 * relay on loopback, once with stock Spring Boot mail ({@code spring.mail.*}, a
 * JavaMailSenderImpl) and once with InfobipMailSender ({@code infobip.smtp.*}), one
 * {@code send} call per message, and prints the messages per second of each and their
 * ratio. Then sends many more through InfobipMailSender and prints the heap after each
 * part, which must stay flat.
 * <p>
 * Arguments: messages (2000), threads (8), messages for the heap check (100000).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MailSenderBenchmark {

	private static final int WARM_UP_MESSAGES = 1000;

	private static final int ROUNDS = 3;

	public static void main(String[] args) throws Exception {
		int messages = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 8;
		int heapSends = (args.length > 2) ? Integer.parseInt(args[2]) : 100_000;
		try (StartTlsRelay relay = StartTlsRelay.builder().countOnly().start();
				ConfigurableApplicationContext stockContext = start(stockMailProperties(relay.port()));
				ConfigurableApplicationContext infobipContext = start(infobipProperties(relay.port(), threads))) {
			JavaMailSender stock = stockContext.getBean(JavaMailSenderImpl.class);
			InfobipMailSender infobip = infobipContext.getBean(InfobipMailSender.class);
			System.out.printf(Locale.ROOT,
					"%n%d messages from %d threads per round, %d rounds, through STARTTLS + AUTH on loopback%n",
					messages, threads, ROUNDS);
			send(stock, relay, WARM_UP_MESSAGES, threads);
			send(infobip, relay, WARM_UP_MESSAGES, threads);
			double stockTotal = 0;
			double infobipTotal = 0;
			for (int round = 1; round <= ROUNDS; round++) {
				double stockRate = send(stock, relay, messages, threads);
				double infobipRate = send(infobip, relay, messages, threads);
				System.out.printf(Locale.ROOT,
						"round %d: stock JavaMailSenderImpl %8.1f msg/s, InfobipMailSender %8.1f msg/s%n", round,
						stockRate, infobipRate);
				stockTotal += stockRate;
				infobipTotal += infobipRate;
			}
			double ratio = infobipTotal / stockTotal;
			System.out.printf(Locale.ROOT, "stock JavaMailSenderImpl : %8.1f msg/s%n", stockTotal / ROUNDS);
			System.out.printf(Locale.ROOT, "InfobipMailSender        : %8.1f msg/s%n", infobipTotal / ROUNDS);
			System.out.printf(Locale.ROOT, "ratio                    : %8.1f x (target >= 10 x)%n", ratio);
			heapCheck(infobip, relay, heapSends, threads);
		}
	}

	private static void heapCheck(InfobipMailSender sender, StartTlsRelay relay, int heapSends, int threads)
			throws Exception {
		int parts = 5;
		List<Long> heap = new ArrayList<>();
		for (int part = 1; part <= parts; part++) {
			send(sender, relay, heapSends / parts, threads);
			heap.add(usedHeapAfterGc());
			System.out.printf(Locale.ROOT, "heap after %6d sends: %6.1f MB%n", part * (heapSends / parts),
					heap.get(heap.size() - 1) / 1048576.0);
		}
		double growth = (heap.get(heap.size() - 1) - heap.get(0)) / 1048576.0;
		System.out.printf(Locale.ROOT, "heap growth from first to last part: %+.1f MB (%s)%n", growth,
				(growth < 8) ? "flat" : "GROWING");
	}

	private static double send(JavaMailSender sender, StartTlsRelay relay, int messages, int threads) throws Exception {
		int before = relay.messageCount();
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
						sender.send(message(i));
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			int received = relay.messageCount() - before;
			if (received != messages) {
				throw new IllegalStateException("relay received " + received + " of " + messages + " messages");
			}
			return messages / seconds;
		}
		finally {
			pool.shutdown();
		}
	}

	private static SimpleMailMessage message(int i) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("shop@example.com");
		message.setTo("user" + i + "@example.com");
		message.setSubject("Benchmark message " + i);
		message.setText("Hello, this is message " + i + " of the benchmark.\n".repeat(20));
		return message;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(MailSenderBenchmark.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=WARN")
			.properties(properties)
			.run();
	}

	private static String[] stockMailProperties(int port) {
		return new String[] { "infobip.smtp.enabled=false", "spring.mail.host=localhost", "spring.mail.port=" + port,
				"spring.mail.username=" + TestCredentials.API_KEY_USER,
				"spring.mail.password=" + TestCredentials.API_KEY, "spring.mail.ssl.bundle=relay",
				"spring.mail.properties[mail.smtp.auth]=true", "spring.mail.properties[mail.smtp.starttls.enable]=true",
				"spring.mail.properties[mail.smtp.starttls.required]=true",
				"spring.mail.properties[mail.smtp.ssl.checkserveridentity]=true",
				"spring.mail.properties[mail.smtp.connectiontimeout]=10000",
				"spring.mail.properties[mail.smtp.timeout]=30000",
				"spring.mail.properties[mail.smtp.writetimeout]=30000", relayTrust() };
	}

	private static String[] infobipProperties(int port, int threads) {
		return new String[] { "infobip.smtp.host=localhost", "infobip.smtp.port=" + port,
				"infobip.smtp.security=STARTTLS", "infobip.smtp.api-key=" + TestCredentials.API_KEY,
				"infobip.smtp.ssl.bundle=relay", "infobip.smtp.pool.max-connections=" + threads, relayTrust() };
	}

	private static String relayTrust() {
		return "spring.ssl.bundle.pem.relay.truststore.certificate=" + TestCertificates.TRUSTED_CA.pemLocation();
	}

}

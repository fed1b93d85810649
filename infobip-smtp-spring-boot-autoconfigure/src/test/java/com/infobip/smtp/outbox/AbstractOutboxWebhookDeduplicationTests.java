/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.webhook.InfobipDeliveryReportEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two web applications with the webhook and the outbox on one database, over real HTTP: a
 * delivery report Infobip delivers to both at once is published once in all, and one
 * whose first publication failed is published once by a retry. A subclass runs these
 * tests on each real server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractOutboxWebhookDeduplicationTests {

	private static final String TOKEN = "s3cret-token";

	private static final String REPORT_JSON = """
			{"results":[{"bulkId":"bulk-1","messageId":"MESSAGE_ID","to":"user@example.com",
			"sentAt":"2026-11-09T16:00:00.000+0000","doneAt":"2026-11-09T16:00:01.500+0000","messageCount":1,
			"status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET",
			"description":"Message delivered to handset"},
			"error":{"groupId":0,"groupName":"OK","id":0,"name":"NO_ERROR","permanent":false}}]}
			""";

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private SmtpTestRelay relay;

	private TestDatabase database;

	private ExecutorService posters;

	/**
	 * Return a new database on the server.
	 */
	abstract TestDatabase createDatabase();

	@BeforeAll
	void startInstances() {
		this.relay = TestRelays.start();
		this.database = createDatabase();
		OutboxApplications.createSchema(this.database);
		for (String name : List.of("webhook-a", "webhook-b")) {
			this.instances.add(new SpringApplicationBuilder(WebhookApplication.class).web(WebApplicationType.SERVLET)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(OutboxApplications.properties(this.database.jdbcUrl(name), this.relay.getPort(),
						"server.port=0", "infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=" + TOKEN))
				.run());
		}
	}

	@AfterAll
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.relay.close();
	}

	@BeforeEach
	void startPosters() {
		this.posters = Executors.newFixedThreadPool(4);
	}

	@AfterEach
	void stopPosters() {
		this.posters.shutdownNow();
	}

	@Test
	void reportDeliveredToBothInstancesAtOnceIsPublishedOnce() throws Exception {
		for (int round = 0; round < 20; round++) {
			String messageId = "both-" + round;
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				ConfigurableApplicationContext instance = this.instances.get(i % 2);
				answers.add(CompletableFuture.supplyAsync(() -> {
					awaitLatch(start);
					return post(instance, messageId);
				}, this.posters));
			}
			start.countDown();
			for (CompletableFuture<Integer> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).as(messageId).isEqualTo(200);
			}
			assertThat(published(messageId)).as(messageId).isEqualTo(1);
		}
		assertThat(new JdbcTemplate(this.database.dataSource())
			.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_WEBHOOK_SEEN", Integer.class))
			.isGreaterThanOrEqualTo(20);
	}

	@Test
	void reportWhoseFirstPublicationFailedIsPublishedOnceByTheRetry() throws Exception {
		String messageId = "retried-1";
		reports(0).failNext(() -> {
			throw new IllegalStateException("listener failed");
		});
		assertThat(post(this.instances.get(0), messageId)).isEqualTo(500);
		assertThat(published(messageId)).isZero();
		// Infobip's retry, delivered to both instances at once, and once more
		for (int retry = 0; retry < 2; retry++) {
			CompletableFuture<Integer> first = CompletableFuture
				.supplyAsync(() -> post(this.instances.get(0), messageId), this.posters);
			CompletableFuture<Integer> second = CompletableFuture
				.supplyAsync(() -> post(this.instances.get(1), messageId), this.posters);
			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(200);
			assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(200);
			assertThat(published(messageId)).isEqualTo(1);
		}
	}

	@Test
	void duplicateWaitingWhileTheFirstPublicationFailsPublishesTheReportItself() throws Exception {
		String messageId = "waiting-1";
		CountDownLatch duplicateWaits = new CountDownLatch(1);
		reports(0).failNext(() -> {
			awaitLatch(duplicateWaits);
			throw new IllegalStateException("listener failed");
		});
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> post(this.instances.get(0), messageId),
				this.posters);
		await().atMost(Duration.ofSeconds(10)).until(() -> reports(0).failing.get() == null);
		CompletableFuture<Integer> duplicate = CompletableFuture
			.supplyAsync(() -> post(this.instances.get(1), messageId), this.posters);
		// the duplicate waits on the first one's lock of the report's key
		await().atMost(Duration.ofSeconds(10)).until(() -> this.database.sessionsWaitingForALock("webhook-b") == 1);
		duplicateWaits.countDown();
		assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(500);
		assertThat(duplicate.get(30, TimeUnit.SECONDS)).isEqualTo(200);
		assertThat(reports(0).published.get(messageId)).isNull();
		assertThat(reports(1).published.get(messageId)).hasValue(1);
		assertThat(post(this.instances.get(0), messageId)).isEqualTo(200);
		assertThat(published(messageId)).isEqualTo(1);
	}

	private Reports reports(int instance) {
		return this.instances.get(instance).getBean(Reports.class);
	}

	private int published(String messageId) {
		return this.instances.stream()
			.map((instance) -> instance.getBean(Reports.class).published.get(messageId))
			.mapToInt((count) -> (count != null) ? count.get() : 0)
			.sum();
	}

	private int post(ConfigurableApplicationContext instance, String messageId) {
		String port = instance.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/infobip/smtp/delivery-reports?token=" + TOKEN))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(REPORT_JSON.replace("MESSAGE_ID", messageId)))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebhookApplication {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	/**
	 * Counts the delivery reports an instance published, by message id; can fail the next
	 * one.
	 */
	static class Reports implements ApplicationListener<InfobipDeliveryReportEvent> {

		private final Map<String, AtomicInteger> published = new ConcurrentHashMap<>();

		private final AtomicReference<@Nullable Runnable> failing = new AtomicReference<>();

		void failNext(Runnable failure) {
			this.failing.set(failure);
		}

		@Override
		public void onApplicationEvent(InfobipDeliveryReportEvent event) {
			Runnable failure = this.failing.getAndSet(null);
			if (failure != null) {
				failure.run();
			}
			this.published.computeIfAbsent(event.getReport().messageId(), (key) -> new AtomicInteger())
				.incrementAndGet();
		}

	}

}

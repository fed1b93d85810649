/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook endpoints over real HTTP with the outbox enabled on H2: reports are
 * deduplicated in the outbox's database, and update its ledger.
 */
@SpringBootTest(classes = InfobipWebhookOutboxHttpTests.WebhookOutboxApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=s3cret-token",
				"infobip.smtp.outbox.enabled=true" })
@DirtiesContext
class InfobipWebhookOutboxHttpTests {

	static final SmtpTestRelay relay = TestRelays.start();

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	@Autowired
	private InfobipMailSender sender;

	@Autowired
	private InfobipMailOutbox outbox;

	@Autowired
	private InfobipWebhookDeduplication deduplication;

	@Autowired
	private DataSource dataSource;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRelayProperties.register(registry, relay.getPort(), "STARTTLS");
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:mem:webhook-outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	@AfterAll
	static void stopRelay() {
		relay.close();
	}

	@Test
	void reportPostedTwiceIsPublishedOnceRememberedInTheDatabaseAndRecordedInTheLedger() throws Exception {
		assertThat(this.deduplication).isSameAs(((JdbcMailOutbox) this.outbox).webhookDeduplication());
		String id = this.outbox.enqueue(OutboxContexts.plain(this.sender, "user@example.com"));
		InfobipOutboxEntry sent = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.outbox.find(id).orElse(null),
					(entry) -> entry != null && entry.status() == InfobipOutboxStatus.SENT);
		String report = """
				{"results":[{"messageId":"%s","to":"user@example.com","sentAt":"2026-11-24T12:00:00.000+0000",
				"doneAt":"2026-11-24T12:00:01.000+0000","messageCount":1,
				"status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET"}}]}
				""".formatted(sent.messageId());
		String opened = """
				{"notificationType":"OPENED","eventId":"evt-%s","recipient":"user@example.com","messageId":"%s"}
				""".formatted(id, sent.messageId());
		for (int i = 0; i < 2; i++) {
			assertThat(post("/delivery-reports?token=s3cret-token", report).statusCode()).isEqualTo(200);
			assertThat(post("/tracking?token=s3cret-token", opened).statusCode()).isEqualTo(200);
		}
		assertThat(this.events.reports).singleElement()
			.satisfies((event) -> assertThat(event.getMessageId()).isEqualTo(sent.messageId()));
		assertThat(this.events.tracking).hasSize(1);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_WEBHOOK_SEEN", Long.class)).isEqualTo(2);
		InfobipOutboxEntry entry = this.outbox.find(id).orElseThrow();
		assertThat(entry.deliveryStatus()).isEqualTo("DELIVERED");
		assertThat(entry.deliveryStatusName()).isEqualTo("DELIVERED_TO_HANDSET");
		assertThat(entry.trackingEvent()).isEqualTo("OPENED");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/infobip/smtp" + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebhookOutboxApplication {

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events {

		final List<InfobipDeliveryReportEvent> reports = new CopyOnWriteArrayList<>();

		final List<InfobipTrackingEvent> tracking = new CopyOnWriteArrayList<>();

		@EventListener
		void onReport(InfobipDeliveryReportEvent event) {
			this.reports.add(event);
		}

		@EventListener
		void onTracking(InfobipTrackingEvent event) {
			this.tracking.add(event);
		}

	}

}

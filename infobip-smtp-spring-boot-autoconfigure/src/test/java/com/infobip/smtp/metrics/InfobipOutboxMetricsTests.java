/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.MutableClock;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox meters on a real outbox on H2: gauges read from the database, cached, and
 * NaN while it cannot be read; counters of what the dispatchers did against a relay on
 * loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
class InfobipOutboxMetricsTests {

	private final MutableClock clock = new MutableClock();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void entriesByStatusAndOldestPendingAgeComeFromOneReadingKeptForItsTimeToLive() {
		OutboxContexts.withOutbox().withPropertyValues(OutboxContexts.unreachableRelay()).run((context) -> {
			JdbcMailOutbox outbox = context.getBean(JdbcMailOutbox.class);
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			outbox.stop();
			new InfobipOutboxMetrics(outbox, outbox::dispatchedCount, Duration.ofSeconds(5), this.clock)
				.bindTo(this.registry);
			assertThat(entries("pending")).isZero();
			assertThat(oldestPendingAgeSeconds()).isZero();
			String old = outbox.enqueue(OutboxContexts.plain(sender, "old@example.com"));
			String failed = outbox.enqueue(OutboxContexts.plain(sender, "failed@example.com"));
			jdbc.update(
					"UPDATE INFOBIP_SMTP_OUTBOX SET CREATED_AT = CREATED_AT - 60000, DUE_AT = DUE_AT - 60000 WHERE ID = ?",
					old);
			jdbc.update("UPDATE INFOBIP_SMTP_OUTBOX SET STATUS = 'FAILED' WHERE ID = ?", failed);
			// still the first reading
			assertThat(entries("pending")).isZero();
			assertThat(entries("failed")).isZero();
			assertThat(oldestPendingAgeSeconds()).isZero();
			this.clock.advance(Duration.ofSeconds(5));
			assertThat(entries("pending")).isEqualTo(1);
			assertThat(entries("failed")).isEqualTo(1);
			assertThat(entries("sending")).isZero();
			assertThat(entries("sent")).isZero();
			assertThat(entries("unknown")).isZero();
			assertThat(oldestPendingAgeSeconds()).isBetween(60.0, 120.0);
			assertThat(this.registry.find(InfobipOutboxMetrics.ENTRIES_METER_NAME).gauges())
				.hasSize(InfobipOutboxStatus.values().length);
		});
	}

	@Test
	void gaugesAreNaNWhileTheDatabaseCannotBeReadAndRecoverAfterwards(CapturedOutput output) {
		OutboxContexts.withOutbox().withPropertyValues(OutboxContexts.unreachableRelay()).run((context) -> {
			JdbcMailOutbox outbox = context.getBean(JdbcMailOutbox.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			outbox.stop();
			new InfobipOutboxMetrics(outbox, outbox::dispatchedCount, Duration.ofSeconds(5), this.clock)
				.bindTo(this.registry);
			outbox.enqueue(OutboxContexts.plain(context.getBean(InfobipMailSender.class), "user@example.com"));
			jdbc.execute("ALTER TABLE INFOBIP_SMTP_OUTBOX RENAME TO INFOBIP_SMTP_OUTBOX_AWAY");
			assertThat(entries("pending")).isNaN();
			assertThat(oldestPendingAgeSeconds()).isNaN();
			jdbc.execute("ALTER TABLE INFOBIP_SMTP_OUTBOX_AWAY RENAME TO INFOBIP_SMTP_OUTBOX");
			assertThat(entries("pending")).as("the failed reading is kept for its time to live").isNaN();
			this.clock.advance(Duration.ofSeconds(5));
			assertThat(entries("pending")).isEqualTo(1);
			assertThat(oldestPendingAgeSeconds()).isNotNaN();
			assertThat(output).doesNotContain("INFOBIP_SMTP_OUTBOX_AWAY").doesNotContain("WARN");
		});
	}

	@Test
	void dispatchedCountsWhatThisInstancesDispatchersDidByOutcome() {
		// the first message is refused 3 times (451) in its first dispatch, then 554;
		// the second is queued but its answer is lost; the third is sent
		try (SmtpTestRelay relay = TestRelays.start().failRecipients(3, 451).failData(1, 554).dropAfterData(1)) {
			OutboxContexts.withOutbox()
				.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.run((context) -> {
					JdbcMailOutbox outbox = context.getBean(JdbcMailOutbox.class);
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					new InfobipOutboxMetrics(outbox, outbox::dispatchedCount).bindTo(this.registry);
					assertThat(dispatched("sent")).isZero();
					awaitStatus(outbox, outbox.enqueue(OutboxContexts.plain(sender, "a@example.com")),
							InfobipOutboxStatus.FAILED);
					awaitStatus(outbox, outbox.enqueue(OutboxContexts.plain(sender, "b@example.com")),
							InfobipOutboxStatus.UNKNOWN);
					awaitStatus(outbox, outbox.enqueue(OutboxContexts.plain(sender, "c@example.com")),
							InfobipOutboxStatus.SENT);
					assertThat(dispatched("retried")).isEqualTo(1);
					assertThat(dispatched("failed")).isEqualTo(1);
					assertThat(dispatched("unknown")).isEqualTo(1);
					assertThat(dispatched("sent")).isEqualTo(1);
				});
		}
	}

	private double entries(String status) {
		return this.registry.get(InfobipOutboxMetrics.ENTRIES_METER_NAME).tag("status", status).gauge().value();
	}

	private double oldestPendingAgeSeconds() {
		return this.registry.get(InfobipOutboxMetrics.OLDEST_PENDING_AGE_METER_NAME)
			.timeGauge()
			.value(TimeUnit.SECONDS);
	}

	private double dispatched(String outcome) {
		return this.registry.get(InfobipOutboxMetrics.DISPATCHED_METER_NAME)
			.tag("outcome", outcome)
			.functionCounter()
			.count();
	}

	private static InfobipOutboxEntry awaitStatus(JdbcMailOutbox outbox, String id, InfobipOutboxStatus status) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> outbox.find(id).orElse(null), (entry) -> entry != null && entry.status() == status);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.icegreen.greenmail.util.GreenMail;
import com.infobip.smtp.ConnectionUsage;
import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.internal.transport.SmtpConnection;
import com.infobip.smtp.internal.transport.SmtpConnector;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.GreenMailRelays;
import com.infobip.smtp.testsupport.TestCredentials;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class InfobipSmtpHealthIndicatorTests {

	private GreenMail relay;

	private final MutableClock clock = new MutableClock();

	@BeforeEach
	void startRelay() {
		this.relay = GreenMailRelays.startSmtps();
	}

	@AfterEach
	void stopRelay() {
		this.relay.stop();
	}

	@Test
	void upWhenTheRelayAcceptsTheCredentials() {
		Health health = indicator(GreenMailRelays.API_KEY).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("region", "frankfurt")
			.containsEntry("host", "localhost")
			.containsEntry("port", this.relay.getSmtps().getPort())
			.containsEntry("security", "TLS")
			.containsKey("latency");
	}

	@Test
	void downWithWrongPasswordAndNoSecretInTheDetails() {
		Health health = indicator("wrong-s3cret").health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsKey("error");
		assertThat(health.getDetails().toString()).doesNotContain("wrong-s3cret");
	}

	@Test
	void downWhenTheRelayIsStopped() {
		InfobipSmtpHealthIndicator indicator = indicator(GreenMailRelays.API_KEY);
		this.relay.stop();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void resultIsReusedUntilItExpires() {
		InfobipSmtpHealthIndicator indicator = indicator(GreenMailRelays.API_KEY);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.relay.stop();
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(indicator.health().getStatus()).as("cached").isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(indicator.health().getStatus()).as("probed again").isEqualTo(Status.DOWN);
	}

	@Test
	void upWhenTheRelayRefusesTheProbeOnlyBecauseTheSendersConnectionsFillItsCap() throws Exception {
		try (SmtpTestRelay capped = TestRelays.start().maxConnections(1)) {
			SmtpConnectionSettings settings = TestRelayProperties.settings(capped.getPort(), SmtpSecurity.STARTTLS,
					TestCredentials.API_KEY);
			// the sender's one connection, open and idle in its pool
			try (SmtpConnection held = new SmtpConnector(settings).connect()) {
				Health health = new InfobipSmtpHealthIndicator(settings, "frankfurt", Duration.ofSeconds(30),
						this.clock, () -> new ConnectionUsage(1, 1, 0))
					.health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).hasEntrySatisfying("connectionLimit",
						(detail) -> assertThat(detail.toString()).contains("421")
							.contains("while the sender had 1 open"));
				assertThat(capped.getSessionCount()).as("only the held connection got a session").isEqualTo(1);
			}
		}
	}

	@Test
	void downWhenTheRelayRefusesTheProbeAndTheSenderHasNoConnection() throws Exception {
		try (SmtpTestRelay capped = TestRelays.start().maxConnections(1)) {
			SmtpConnectionSettings settings = TestRelayProperties.settings(capped.getPort(), SmtpSecurity.STARTTLS,
					TestCredentials.API_KEY);
			// another client's connection fills the cap
			try (SmtpConnection other = new SmtpConnector(settings).connect()) {
				Health health = new InfobipSmtpHealthIndicator(settings, "frankfurt", Duration.ofSeconds(30),
						this.clock, () -> new ConnectionUsage(0, 0, 0))
					.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsKey("error").doesNotContainKey("connectionLimit");
			}
		}
	}

	private InfobipSmtpHealthIndicator indicator(String apiKey) {
		SmtpConnectionSettings settings = TestRelayProperties.settings(this.relay.getSmtps().getPort(),
				SmtpSecurity.TLS, apiKey);
		return new InfobipSmtpHealthIndicator(settings, "frankfurt", Duration.ofSeconds(30), this.clock,
				() -> new ConnectionUsage(0, 0, 0));
	}

	static class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-24T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}

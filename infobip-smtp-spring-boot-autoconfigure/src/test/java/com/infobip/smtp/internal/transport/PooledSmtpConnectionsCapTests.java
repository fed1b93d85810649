/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.testsupport.StartTlsRelay;
import com.infobip.smtp.testsupport.TestCredentials;
import com.infobip.smtp.testsupport.TestRelayProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The pool against a relay that caps open connections below its size (SubEthaSMTP greets
 * connections beyond the cap with 421).
 */
class PooledSmtpConnectionsCapTests {

	@Test
	void aRefusedConnectionMakesTheSendWaitForAnOpenOneAndTheLimitFollowsTheRelay() throws Exception {
		try (StartTlsRelay relay = StartTlsRelay.builder().maxConnections(1).start();
				PooledSmtpConnections pool = pool(relay, Duration.ofHours(1))) {
			SmtpConnection first = pool.acquire();
			CompletableFuture<SmtpConnection> second = CompletableFuture.supplyAsync(acquiring(pool));
			await().atMost(Duration.ofSeconds(5)).until(() -> pool.limit() == 1);
			assertThat(second).isNotDone();
			pool.release(first);
			assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(first);
			assertThat(relay.sessions()).isEqualTo(1);
			pool.release(first);
			assertThat(pool.limit()).as("kept for RAISE_LIMIT_AFTER").isEqualTo(1);
		}
	}

	@Test
	void theLimitIsRaisedAgainOneConnectionAtATime() throws Exception {
		try (StartTlsRelay relay = StartTlsRelay.builder().maxConnections(1).start();
				PooledSmtpConnections pool = pool(relay, Duration.ZERO)) {
			SmtpConnection first = pool.acquire();
			CompletableFuture<SmtpConnection> second = CompletableFuture.supplyAsync(acquiring(pool));
			await().atMost(Duration.ofSeconds(5)).until(() -> pool.limit() == 1);
			pool.release(first);
			assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(first);
			assertThat(pool.limit()).isEqualTo(2);
			pool.release(first);
			assertThat(pool.limit()).isEqualTo(3);
		}
	}

	@Test
	void withNoOtherConnectionARefusedGreetingFailsAsBefore() throws Exception {
		try (StartTlsRelay relay = StartTlsRelay.builder().refuseGreetings(1).start();
				PooledSmtpConnections pool = pool(relay, Duration.ofHours(1))) {
			assertThatExceptionOfType(SmtpFailure.class).isThrownBy(pool::acquire)
				.satisfies((failure) -> assertThat(failure.isRefusedGreeting()).isTrue());
			assertThat(pool.limit()).isEqualTo(4);
		}
	}

	private static Supplier<SmtpConnection> acquiring(PooledSmtpConnections pool) {
		return () -> {
			try {
				return pool.acquire();
			}
			catch (SmtpFailure ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

	private static PooledSmtpConnections pool(StartTlsRelay relay, Duration raiseLimitAfter) {
		SmtpConnectionSettings settings = TestRelayProperties.settings(relay.port(), SmtpSecurity.STARTTLS,
				TestCredentials.API_KEY);
		return new PooledSmtpConnections(new SmtpConnector(settings), 4, Duration.ofSeconds(10), Duration.ofSeconds(60),
				1000, raiseLimitAfter);
	}

}

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
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestCredentials;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
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
		try (SmtpTestRelay relay = TestRelays.start().maxConnections(1);
				PooledSmtpConnections pool = pool(relay, Duration.ofHours(1))) {
			SmtpConnection first = pool.acquire();
			CompletableFuture<SmtpConnection> second = CompletableFuture.supplyAsync(acquiring(pool));
			await().atMost(Duration.ofSeconds(5)).until(() -> pool.limit() == 1);
			assertThat(second).isNotDone();
			pool.release(first);
			assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(first);
			assertThat(relay.getSessionCount()).isEqualTo(1);
			pool.release(first);
			assertThat(pool.limit()).as("kept for RAISE_LIMIT_AFTER").isEqualTo(1);
		}
	}

	@Test
	void theLimitIsRaisedAgainOneConnectionAtATime() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start().maxConnections(1);
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
		try (SmtpTestRelay relay = TestRelays.start().refuseGreetings(1);
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

	private static PooledSmtpConnections pool(SmtpTestRelay relay, Duration raiseLimitAfter) {
		SmtpConnectionSettings settings = TestRelayProperties.settings(relay.getPort(), SmtpSecurity.STARTTLS,
				TestCredentials.API_KEY);
		return new PooledSmtpConnections(new SmtpConnector(settings), 4, Duration.ofSeconds(10), Duration.ofSeconds(60),
				1000, raiseLimitAfter);
	}

}

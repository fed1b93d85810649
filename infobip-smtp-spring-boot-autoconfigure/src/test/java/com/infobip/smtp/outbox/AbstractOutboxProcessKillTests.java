/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.test.relay.TestCertificates;
import com.infobip.smtp.testsupport.TestRelays;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed with SIGKILL while it dispatches, and another started on the same
 * database: it sends what the dead one never offered, resolves what it was sending as
 * {@code UNKNOWN}, and sends nothing twice. A subclass runs it on each real server.
 */
abstract class AbstractOutboxProcessKillTests {

	private static final Log logger = LogFactory.getLog(AbstractOutboxProcessKillTests.class);

	private static final int MESSAGES = 400;

	/**
	 * Return a new database on the server.
	 */
	abstract TestDatabase createDatabase();

	@Test
	void instanceStartedAfterAnotherWasKilledMidDispatchSendsTheRestAndNothingTwice() throws Exception {
		killMidDispatchAndRestart(Integer.MAX_VALUE);
	}

	@Test
	void killedInstanceLeavesAtMostOneUnknownEntryPerConnectionOfItsPool() throws Exception {
		List<String> unknown = killMidDispatchAndRestart(Integer.MAX_VALUE, "infobip.smtp.pool.max-connections=2",
				"infobip.smtp.outbox.concurrency=16");
		assertThat(unknown).as("entries UNKNOWN, with a pool of 2").hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void killedInstanceWhoseOutcomesGoWithTheNextMarkLeavesAtMostOneUnknownEntryPerConnection() throws Exception {
		// a connection for each dispatcher: each outcome is committed with the next mark
		List<String> unknown = killMidDispatchAndRestart(Integer.MAX_VALUE, "infobip.smtp.pool.max-connections=4",
				"infobip.smtp.outbox.concurrency=4");
		assertThat(unknown).as("entries UNKNOWN, with a pool of 4").hasSizeLessThanOrEqualTo(4);
	}

	@Test
	void killedInstanceLeavesAtMostOneUnknownEntryPerConnectionOfItsPoolUnderARelayThatAllowsFewer() throws Exception {
		List<String> unknown = killMidDispatchAndRestart(1, "infobip.smtp.pool.max-connections=2",
				"infobip.smtp.outbox.concurrency=16");
		assertThat(unknown).as("entries UNKNOWN, with a pool of 2 and a relay that allows 1 connection")
			.hasSizeLessThanOrEqualTo(2);
	}

	/**
	 * Kill a worker mid-dispatch, check what it left, finish with a fresh instance and
	 * check nothing was lost or sent twice.
	 * @param relayConnections the most connections the relay allows at once
	 * @param workerProperties more properties of the killed worker
	 * @return the Message-IDs of the entries that ended {@code UNKNOWN}
	 */
	private List<String> killMidDispatchAndRestart(int relayConnections, String... workerProperties) throws Exception {
		TestDatabase database = createDatabase();
		OutboxApplications.createSchema(database);
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		// kept after the build, for a failure's analysis
		Path workerLog = Path.of("target", "outbox-worker-" + database.platform() + ".log");
		// slow answers, so that the killed instance has sends in flight
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(40))) {
			if (relayConnections < Integer.MAX_VALUE) {
				relay.maxConnections(relayConnections);
			}
			Process worker = startWorker(database.jdbcUrl("outbox-killed"), relay.getPort(), workerLog,
					workerProperties);
			try {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(2))
					.until(() -> relay.getMessageCount() >= MESSAGES / 4 || !worker.isAlive());
				assertThat(worker.isAlive()).as("worker alive, see " + workerLog).isTrue();
			}
			finally {
				worker.destroyForcibly();
			}
			assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
			int receivedAtTheKill = relay.getMessageCount();
			// the server has ended the dead instance's sessions:
			// the table is as it left it
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> database.sessions("outbox-killed") == 0);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX", Integer.class))
				.isEqualTo(MESSAGES);
			Set<String> sendingAtTheKill = new HashSet<>(jdbc
				.queryForList("SELECT MESSAGE_ID FROM INFOBIP_SMTP_OUTBOX WHERE STATUS = 'SENDING'", String.class));
			Set<String> finalAtTheKill = new HashSet<>(jdbc.queryForList(
					"SELECT MESSAGE_ID FROM INFOBIP_SMTP_OUTBOX WHERE STATUS IN ('SENT', 'FAILED', 'UNKNOWN')",
					String.class));
			assertThat(finalAtTheKill).as("entries final at the kill").hasSizeLessThan(MESSAGES);

			try (ConfigurableApplicationContext restarted = OutboxApplications
				.start(OutboxApplications.properties(database.jdbcUrl("outbox-restarted"), relay.getPort()))) {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> jdbc.queryForObject(
							"SELECT COUNT(*) FROM INFOBIP_SMTP_OUTBOX WHERE STATUS IN ('PENDING', 'SENDING')",
							Long.class) == 0);
			}

			Map<String, List<String>> queueIdsByMessageId = OutboxApplications.queueIdsByMessageId(relay);
			assertThat(queueIdsByMessageId.values()).as("copies the relay received of each message")
				.allSatisfy((queueIds) -> assertThat(queueIds).hasSize(1));
			List<String> unknown = new ArrayList<>();
			List<String> failed = new ArrayList<>();
			jdbc.query("SELECT STATUS, MESSAGE_ID, QUEUE_ID FROM INFOBIP_SMTP_OUTBOX", (row) -> {
				InfobipOutboxStatus status = InfobipOutboxStatus.valueOf(row.getString("STATUS"));
				String messageId = row.getString("MESSAGE_ID");
				List<String> received = queueIdsByMessageId.getOrDefault(messageId, List.of());
				switch (status) {
					case SENT -> assertThat(received).as(messageId).containsExactly(row.getString("QUEUE_ID"));
					case UNKNOWN -> unknown.add(messageId);
					case FAILED -> failed.add(messageId);
					default -> throw new AssertionError(messageId + " ended " + status);
				}
				if (!sendingAtTheKill.contains(messageId)) {
					assertThat(status).as(messageId + ", never offered by the killed instance")
						.isEqualTo(InfobipOutboxStatus.SENT);
				}
			});
			assertThat(unknown).as("entries UNKNOWN").hasSizeLessThanOrEqualTo(sendingAtTheKill.size());
			assertThat(sendingAtTheKill).as("entries the killed instance was sending").containsAll(unknown);
			long unknownReceived = unknown.stream().filter(queueIdsByMessageId::containsKey).count();
			logger.info(String.format(
					"outbox-kill (%s): %d messages; killed after %d received, %d final and %d SENDING at the kill;"
							+ " %d ended UNKNOWN (%d of them reached the relay), %d FAILED, the rest SENT",
					database.platform(), MESSAGES, receivedAtTheKill, finalAtTheKill.size(), sendingAtTheKill.size(),
					unknown.size(), unknownReceived, failed.size()));
			assertThat(sendingAtTheKill).as("entries SENDING at the kill")
				.hasSizeLessThanOrEqualTo(maxConnections(workerProperties));
			return unknown;
		}
	}

	private static int maxConnections(String... workerProperties) {
		for (String property : workerProperties) {
			if (property.startsWith("infobip.smtp.pool.max-connections=")) {
				return Integer.parseInt(property.substring(property.indexOf('=') + 1));
			}
		}
		return Integer.MAX_VALUE;
	}

	private Process startWorker(String jdbcUrl, int relayPort, Path log, String... properties) throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				OutboxWorkerMain.class.getName(), jdbcUrl, String.valueOf(relayPort), String.valueOf(MESSAGES),
				TestCertificates.TRUSTED_CA.getPemLocation()));
		command.addAll(List.of(properties));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import com.infobip.smtp.internal.outbox.JdbcMailOutbox;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxOrder;
import com.infobip.smtp.outbox.InfobipOutboxResolution;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.webhook.InfobipWebhookDeduplication;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

import static org.assertj.core.api.Assertions.assertThat;

class InfobipSmtpOutboxAutoConfigurationTests {

	// a relay on a closed loopback port: nothing leaves the machine
	private final ApplicationContextRunner contextRunner = OutboxContexts.withOutbox()
		.withPropertyValues(OutboxContexts.unreachableRelay());

	private final ApplicationContextRunner withoutDataSource = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class,
				InfobipSmtpOutboxAutoConfiguration.class))
		.withPropertyValues(OutboxContexts.unreachableRelay())
		.withPropertyValues("infobip.smtp.outbox.enabled=true");

	@Test
	void outboxIsAbsentByDefault() {
		OutboxContexts.withDatabase().withPropertyValues(OutboxContexts.unreachableRelay()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipMailOutbox.class);
			assertThat(context).doesNotHaveBean(InfobipWebhookDeduplication.class);
		});
	}

	@Test
	void outboxIsAbsentWhenDisabled() {
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipMailOutbox.class);
			assertThat(context).doesNotHaveBean(InfobipWebhookDeduplication.class);
		});
	}

	@Test
	void outboxIsAbsentWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("infobip.smtp.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipMailOutbox.class);
		});
	}

	@Test
	void outboxIsCreatedWithItsTablesInAnEmbeddedDatabase() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(JdbcMailOutbox.class);
			assertThat(context).hasSingleBean(InfobipWebhookDeduplication.class);
			JdbcMailOutbox outbox = context.getBean(JdbcMailOutbox.class);
			assertThat(context.getBean(InfobipWebhookDeduplication.class)).isSameAs(outbox.webhookDeduplication());
			assertThat(outbox.isRunning()).isTrue();
			assertThat(outbox.countByStatus()).containsOnlyKeys(InfobipOutboxStatus.values())
				.allSatisfy((status, count) -> assertThat(count).isZero());
			assertThat(outbox.oldestPendingAge()).isEmpty();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFOBIP_SMTP_WEBHOOK_SEEN", Long.class)).isZero();
		});
	}

	@Test
	void outboxThreadsDisplaceNeitherTheApplicationTaskExecutorNorItsTaskScheduler() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
			.withUserConfiguration(SchedulingConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(InfobipMailOutbox.class);
				assertThat(context.getBeansOfType(TaskScheduler.class)).containsOnlyKeys("taskScheduler");
				assertThat(context.getBeansOfType(Executor.class)).containsOnlyKeys("applicationTaskExecutor",
						"taskScheduler");
			});
	}

	@Test
	void initializeSchemaNeverFailsTheStartWhenTheTablesAreMissing() {
		// the dispatchers could not work: fail now, saying what to do, rather than when
		// the first message is enqueued
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.initialize-schema=never")
			.run((context) -> assertStartupFailure(context, "INFOBIP_SMTP_OUTBOX",
					"infobip.smtp.outbox.initialize-schema"));
	}

	@Test
	void initializeSchemaNeverUsesTheTablesTheApplicationsMigrationsCreated() {
		String url = OutboxContexts.h2();
		// as the application's own migrations would, from the shipped script
		new ResourceDatabasePopulator(new ClassPathResource("com/infobip/smtp/outbox/schema-h2.sql"))
			.execute(new DriverManagerDataSource(url.substring("spring.datasource.url=".length()), "sa", ""));
		this.contextRunner.withPropertyValues(url, "infobip.smtp.outbox.initialize-schema=never").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(InfobipMailOutbox.class).countByStatus())
				.containsEntry(InfobipOutboxStatus.PENDING, 0L);
		});
	}

	@Test
	void failsWithoutADataSourceSayingWhatToAdd() {
		this.withoutDataSource.run((context) -> assertStartupFailure(context,
				"infobip.smtp.outbox.enabled=true but there is no single DataSource", "spring-boot-starter-jdbc"));
	}

	@Test
	void failsWithTwoDataSourcesAndNoPrimarySayingWhatToMark() {
		this.withoutDataSource.withUserConfiguration(TwoDataSourcesConfiguration.class)
			.run((context) -> assertStartupFailure(context, "no single DataSource", "@Primary"));
	}

	@Test
	void failsWithoutSpringBootJdbcSayingWhatToAdd() {
		this.withoutDataSource.withClassLoader(new FilteredClassLoader(DataSourceScriptDatabaseInitializer.class))
			.run((context) -> assertStartupFailure(context, "spring-boot-jdbc", "spring-boot-starter-jdbc"));
	}

	@Test
	void userOutboxMakesOursBackOff() {
		this.contextRunner.withUserConfiguration(UserOutboxConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(InfobipMailOutbox.class).hasBean("userOutbox");
			assertThat(context).doesNotHaveBean(JdbcMailOutbox.class);
			assertThat(context).doesNotHaveBean(InfobipWebhookDeduplication.class);
			assertThat(context).doesNotHaveBean(OutboxSchemaInitializer.class);
		});
	}

	@Test
	void userOutboxMakesOursBackOffWithoutSpringBootJdbc() {
		this.withoutDataSource.withClassLoader(new FilteredClassLoader(DataSourceScriptDatabaseInitializer.class))
			.withUserConfiguration(UserOutboxConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(InfobipMailOutbox.class).hasBean("userOutbox");
			});
	}

	@Test
	void failsWithConcurrencyZeroNamingTheProperty() {
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.concurrency=0")
			.run((context) -> assertStartupFailure(context, "infobip.smtp.outbox.concurrency=0 is less than 1.",
					"Set infobip.smtp.outbox.concurrency to 1 or more."));
	}

	@Test
	void failsWithZeroClaimTimeoutNamingTheProperty() {
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.claim-timeout=0s")
			.run((context) -> assertStartupFailure(context, "infobip.smtp.outbox.claim-timeout=PT0S is not positive.",
					"Set infobip.smtp.outbox.claim-timeout to a positive duration."));
	}

	@Test
	void failsWithBackoffMultiplierBelowOneNamingTheProperty() {
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.backoff-multiplier=0.5")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.outbox.backoff-multiplier=0.5 is less than 1.",
					"Set infobip.smtp.outbox.backoff-multiplier to 1"));
	}

	@Test
	void failsWithBackoffMultiplierThatIsNotANumberNamingTheProperty() {
		// NaN passed the check and made every wait zero
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.backoff-multiplier=NaN")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.outbox.backoff-multiplier=NaN is not a number.",
					"Set infobip.smtp.outbox.backoff-multiplier to 1"));
	}

	@Test
	void failsWithMaxBackoffShorterThanInitialBackoffNamingBoth() {
		// as infobip.smtp.retry.*: one back-off, one rule
		this.contextRunner
			.withPropertyValues("infobip.smtp.outbox.initial-backoff=20m", "infobip.smtp.outbox.max-backoff=10m")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.outbox.max-backoff=PT10M is shorter than infobip.smtp.outbox.initial-backoff=PT20M.",
					"Set infobip.smtp.outbox.max-backoff to at least infobip.smtp.outbox.initial-backoff."));
	}

	@Test
	void outboxPropertiesAreBoundByAClassOfTheirOwn() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.outbox.concurrency=3", "infobip.smtp.outbox.health.max-pending-age=5m",
					"infobip.smtp.outbox.initialize-schema=always")
			.run((context) -> {
				InfobipSmtpOutboxProperties outbox = context.getBean(InfobipSmtpOutboxProperties.class);
				assertThat(outbox.isEnabled()).isTrue();
				assertThat(outbox.getConcurrency()).isEqualTo(3);
				assertThat(outbox.getHealth().getMaxPendingAge()).isEqualTo(Duration.ofMinutes(5));
				assertThat(outbox.getInitializeSchema())
					.isEqualTo(InfobipSmtpOutboxProperties.SchemaInitialization.ALWAYS);
			});
	}

	static void assertStartupFailure(AssertableApplicationContext context, String description, String action) {
		assertThat(context).hasFailed();
		InfobipSmtpConfigurationException cause = findCause(context.getStartupFailure());
		assertThat(cause)
			.as("startup failure caused by InfobipSmtpConfigurationException: %s", context.getStartupFailure())
			.isNotNull();
		assertThat(cause.getDescription()).contains(description);
		assertThat(cause.getAction()).contains(action);
		FailureAnalysis analysis = new InfobipSmtpConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(cause.getDescription());
		assertThat(analysis.getAction()).isEqualTo(cause.getAction());
	}

	private static InfobipSmtpConfigurationException findCause(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof InfobipSmtpConfigurationException configurationException) {
				return configurationException;
			}
		}
		return null;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSourcesConfiguration {

		@Bean
		DataSource first() {
			return new DriverManagerDataSource("jdbc:h2:mem:first");
		}

		@Bean
		DataSource second() {
			return new DriverManagerDataSource("jdbc:h2:mem:second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOutboxConfiguration {

		@Bean
		InfobipMailOutbox userOutbox() {
			return new UserOutbox();
		}

	}

	/**
	 * An outbox of the application's own that holds nothing.
	 */
	static class UserOutbox implements InfobipMailOutbox {

		@Override
		public String enqueue(MimeMessage message) {
			return "user";
		}

		@Override
		public String enqueue(MimeMessagePreparator preparator) {
			return "user";
		}

		@Override
		public Optional<InfobipOutboxEntry> find(String id) {
			return Optional.empty();
		}

		@Override
		public Map<InfobipOutboxStatus, Long> countByStatus() {
			return Map.of();
		}

		@Override
		public Optional<Duration> oldestPendingAge() {
			return Optional.of(Duration.ofHours(1));
		}

		@Override
		public String enqueue(MimeMessage message, Instant notBefore) {
			return "user";
		}

		@Override
		public String enqueue(String key, MimeMessage message) {
			return "user";
		}

		@Override
		public String enqueue(String key, MimeMessage message, Instant notBefore) {
			return "user";
		}

		@Override
		public List<InfobipOutboxEntry> findByStatus(InfobipOutboxStatus status, InfobipOutboxOrder order, int offset,
				int limit) {
			return List.of();
		}

		@Override
		public boolean retry(String id) {
			return false;
		}

		@Override
		public boolean resolveUnknown(String id, InfobipOutboxResolution resolution) {
			return false;
		}

		@Override
		public boolean cancel(String id) {
			return false;
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.concurrent.Executor;

import com.infobip.smtp.InfobipBulkIdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class InfobipSmtpSendingPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InfobipSmtpAutoConfiguration.class))
		.withPropertyValues("infobip.smtp.api-key=k");

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"pool.max-connections=0 | infobip.smtp.pool.max-connections=0 is less than 1.",
			"pool.max-messages-per-connection=0 | infobip.smtp.pool.max-messages-per-connection=0 is less than 1.",
			"pool.max-wait=0s | infobip.smtp.pool.max-wait=PT0S is not positive.",
			"pool.idle-timeout=-1s | infobip.smtp.pool.idle-timeout=PT-1S is not positive.",
			"retry.max-attempts=0 | infobip.smtp.retry.max-attempts=0 is less than 1.",
			"retry.multiplier=0.5 | infobip.smtp.retry.multiplier=0.5 is less than 1.",
			"retry.multiplier=NaN | infobip.smtp.retry.multiplier=NaN is not a number.",
			"shutdown-timeout=0s | infobip.smtp.shutdown-timeout=PT0S is not positive.",
			"retry.max-backoff=10ms | infobip.smtp.retry.max-backoff=PT0.01S is shorter than infobip.smtp.retry.initial-backoff=PT1S.",
			"async.queue-capacity=0 | infobip.smtp.async.queue-capacity=0 is less than 1." })
	void invalidSendingSettingsFailTheStartNamingTheProperty(String property, String description) {
		this.contextRunner.withPropertyValues("infobip.smtp." + property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InfobipSmtpConfigurationException.class)
				.hasMessageStartingWith(description);
		});
	}

	@Test
	void theSendExecutorDoesNotDisplaceTheApplicationTaskExecutor() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasBean("applicationTaskExecutor");
				assertThat(context.getBeansOfType(Executor.class)).containsOnlyKeys("applicationTaskExecutor");
			});
	}

	@Test
	void bulkIdGeneratorOnlyWhenAskedFor() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(InfobipBulkIdGenerator.class));
		this.contextRunner.withPropertyValues("infobip.smtp.generate-bulk-id=true")
			.run((context) -> assertThat(context).hasSingleBean(InfobipBulkIdGenerator.class));
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.health.InfobipOutboxHealthIndicator;
import com.infobip.smtp.health.InfobipSmtpHealthIndicator;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.testsupport.OutboxContexts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class InfobipSmtpOutboxHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = OutboxContexts.withOutbox()
		.withConfiguration(AutoConfigurations.of(InfobipSmtpOutboxHealthContributorAutoConfiguration.class,
				InfobipSmtpHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class))
		.withPropertyValues(OutboxContexts.unreachableRelay());

	@Test
	void registersOutboxContributorNextToTheRelays() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(InfobipOutboxHealthIndicator.class)
				.hasBean("infobipSmtpOutboxHealthIndicator");
			assertThat(context.getBeansOfType(HealthContributor.class)).containsOnlyKeys(
					"infobipSmtpOutboxHealthIndicator", "infobipSmtpHealthIndicator", "pingHealthContributor");
			Health health = context.getBean(InfobipOutboxHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("maxPendingAge", "PT15M");
		});
	}

	@Test
	void backsOffWithoutAnOutbox() {
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(InfobipOutboxHealthIndicator.class);
			assertThat(context).hasSingleBean(InfobipSmtpHealthIndicator.class);
		});
	}

	@Test
	void backsOffWhenDisabledByManagementProperty() {
		this.contextRunner.withPropertyValues("management.health.infobip-smtp-outbox.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(InfobipOutboxHealthIndicator.class);
			assertThat(context).hasSingleBean(InfobipSmtpHealthIndicator.class);
		});
	}

	@Test
	void staysWhenTheRelayContributorIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.infobip-smtp.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(InfobipOutboxHealthIndicator.class);
			assertThat(context).doesNotHaveBean(InfobipSmtpHealthIndicator.class);
		});
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipOutboxHealthIndicator.class);
		});
	}

	@Test
	void userIndicatorWithTheSameNameWins() {
		this.contextRunner.withUserConfiguration(UserHealthConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(InfobipOutboxHealthIndicator.class);
			assertThat(context.getBean("infobipSmtpOutboxHealthIndicator", HealthIndicator.class).health())
				.isEqualTo(Health.up().build());
		});
	}

	@Test
	void checksTheApplicationsOwnOutboxAgainstTheConfiguredMaximum() {
		// the user's outbox says its oldest entry waited an hour
		ApplicationContextRunner withUserOutbox = this.contextRunner
			.withUserConfiguration(UserOutboxConfiguration.class);
		withUserOutbox.run((context) -> {
			Health health = context.getBean(InfobipOutboxHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("oldestPendingAge", "PT1H");
		});
		withUserOutbox.withPropertyValues("infobip.smtp.outbox.health.max-pending-age=2h")
			.run((context) -> assertThat(context.getBean(InfobipOutboxHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP));
	}

	@Test
	void failsWithNonPositiveMaxPendingAgeNamingTheProperty() {
		this.contextRunner.withPropertyValues("infobip.smtp.outbox.health.max-pending-age=0s")
			.run((context) -> InfobipSmtpOutboxAutoConfigurationTests.assertStartupFailure(context,
					"infobip.smtp.outbox.health.max-pending-age=PT0S is not positive.",
					"Set infobip.smtp.outbox.health.max-pending-age to a positive duration."));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		@Bean
		HealthIndicator infobipSmtpOutboxHealthIndicator() {
			return () -> Health.up().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOutboxConfiguration {

		@Bean
		InfobipMailOutbox userOutbox() {
			return new InfobipSmtpOutboxAutoConfigurationTests.UserOutbox();
		}

	}

}

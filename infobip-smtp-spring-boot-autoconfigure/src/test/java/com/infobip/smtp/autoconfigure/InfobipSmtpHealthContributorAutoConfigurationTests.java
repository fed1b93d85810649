/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.health.InfobipSmtpHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class InfobipSmtpHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InfobipSmtpAutoConfiguration.class,
				InfobipSmtpHealthContributorAutoConfiguration.class, MailSenderAutoConfiguration.class,
				MailHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues("infobip.smtp.api-key=k", "spring.mail.host=smtp.example.com");

	@Test
	void registersInfobipSmtpContributorAndNoGenericMailContributor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(InfobipSmtpHealthIndicator.class).hasBean("infobipSmtpHealthIndicator");
			assertThat(context.getBeansOfType(HealthContributor.class)).containsOnlyKeys("infobipSmtpHealthIndicator",
					"pingHealthContributor");
		});
	}

	@Test
	void backsOffWhenDisabledByManagementProperty() {
		this.contextRunner.withPropertyValues("management.health.infobip-smtp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InfobipSmtpHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("infobip.smtp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InfobipSmtpHealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(InfobipSmtpHealthIndicator.class));
	}

	@Test
	void userIndicatorWithTheSameNameWins() {
		this.contextRunner.withUserConfiguration(UserHealthConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(InfobipSmtpHealthIndicator.class);
			assertThat(context.getBean("infobipSmtpHealthIndicator", HealthIndicator.class).health())
				.isEqualTo(Health.up().build());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		@Bean
		HealthIndicator infobipSmtpHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}

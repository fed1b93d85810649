/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.actuate.InfobipOutboxEndpoint;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.testsupport.OutboxContexts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code infobipoutbox} endpoint is registered: with an outbox, once the
 * endpoint is available.
 */
class InfobipSmtpOutboxEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = OutboxContexts.withOutbox()
		.withConfiguration(AutoConfigurations.of(InfobipSmtpOutboxEndpointAutoConfiguration.class))
		.withPropertyValues(OutboxContexts.unreachableRelay());

	private final ApplicationContextRunner exposed = this.contextRunner
		.withPropertyValues("management.endpoints.web.exposure.include=infobipoutbox");

	@Test
	void registersTheEndpointWhenExposedOverHttp() {
		this.exposed.run((context) -> assertThat(context).hasSingleBean(InfobipOutboxEndpoint.class));
	}

	@Test
	void registersTheEndpointWhenExposedOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=infobipoutbox")
			.run((context) -> assertThat(context).hasSingleBean(InfobipOutboxEndpoint.class));
	}

	@Test
	void backsOffWhenNotExposed() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipOutboxEndpoint.class);
		});
	}

	@Test
	void backsOffWhenItsAccessIsNone() {
		this.exposed.withPropertyValues("management.endpoint.infobipoutbox.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(InfobipOutboxEndpoint.class));
	}

	@Test
	void staysWithReadOnlyAccess() {
		// its write operation is left out when the endpoint is mapped (a runner's
		// environment converts only the constant's name; an application's any form)
		this.exposed.withPropertyValues("management.endpoint.infobipoutbox.access=READ_ONLY")
			.run((context) -> assertThat(context).hasSingleBean(InfobipOutboxEndpoint.class));
	}

	@Test
	void backsOffWithoutAnOutbox() {
		this.exposed.withPropertyValues("infobip.smtp.outbox.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipMailOutbox.class);
			assertThat(context).doesNotHaveBean(InfobipOutboxEndpoint.class);
		});
	}

	@Test
	void backsOffWithoutActuator() {
		this.exposed.withClassLoader(new FilteredClassLoader(Endpoint.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(InfobipMailOutbox.class);
			assertThat(context).doesNotHaveBean(InfobipOutboxEndpoint.class);
		});
	}

	@Test
	void showsTheApplicationsOwnOutbox() {
		this.exposed.withPropertyValues("infobip.smtp.outbox.enabled=false")
			.withUserConfiguration(UserOutboxConfiguration.class)
			.run((context) -> {
				InfobipOutboxEndpoint.OutboxDescriptor outbox = context.getBean(InfobipOutboxEndpoint.class)
					.outbox(null, null, null, null);
				// the user's outbox counts nothing: every status is shown all the same
				assertThat(outbox.entries()).containsOnlyKeys("pending", "sending", "sent", "failed", "unknown",
						"cancelled");
				assertThat(outbox.oldestPendingAge()).isEqualTo("PT1H");
			});
	}

	@Test
	void backsOffWhenNoOutboxIsTheOneToShow() {
		this.exposed.withPropertyValues("infobip.smtp.outbox.enabled=false")
			.withUserConfiguration(TwoOutboxesConfiguration.class)
			.run((context) -> {
				assertThat(context.getBeansOfType(InfobipMailOutbox.class)).hasSize(2);
				assertThat(context).doesNotHaveBean(InfobipOutboxEndpoint.class);
			});
	}

	@Test
	void userEndpointWins() {
		this.exposed.withUserConfiguration(UserEndpointConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(InfobipOutboxEndpoint.class);
			assertThat(context).hasBean("userEndpoint");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserOutboxConfiguration {

		@Bean
		InfobipMailOutbox userOutbox() {
			return new InfobipSmtpOutboxAutoConfigurationTests.UserOutbox();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoOutboxesConfiguration {

		@Bean
		InfobipMailOutbox firstOutbox() {
			return new InfobipSmtpOutboxAutoConfigurationTests.UserOutbox();
		}

		@Bean
		InfobipMailOutbox secondOutbox() {
			return new InfobipSmtpOutboxAutoConfigurationTests.UserOutbox();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		InfobipOutboxEndpoint userEndpoint() {
			return new InfobipOutboxEndpoint(new InfobipSmtpOutboxAutoConfigurationTests.UserOutbox());
		}

	}

}

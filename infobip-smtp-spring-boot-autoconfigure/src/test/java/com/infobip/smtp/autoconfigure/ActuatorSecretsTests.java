/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ActuatorSecretsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(InfobipSmtpAutoConfiguration.class, InfobipSmtpSanitizingAutoConfiguration.class,
						EndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class,
						EnvironmentEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoint.configprops.show-values=always",
				"management.endpoint.env.show-values=always",
				"management.endpoints.web.exposure.include=configprops,env");

	@Test
	void apiKeyIsMaskedEvenWhenValuesAreShown() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=very-secret-key").run((context) -> {
			assertThat(json(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()))
				.contains("infobip.smtp")
				.doesNotContain("very-secret-key");
			assertThat(json(context.getBean(EnvironmentEndpoint.class).environment(null)))
				.contains("infobip.smtp.api-key")
				.doesNotContain("very-secret-key");
		});
	}

	@Test
	void passwordIsMaskedEvenWhenValuesAreShown() {
		this.contextRunner.withPropertyValues("infobip.smtp.username=shop", "infobip.smtp.password=very-secret-pw")
			.run((context) -> {
				assertThat(json(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()))
					.contains("shop")
					.doesNotContain("very-secret-pw");
				assertThat(json(context.getBean(EnvironmentEndpoint.class).environment(null)))
					.doesNotContain("very-secret-pw");
			});
	}

	@Test
	void webhookSecretsAreMaskedEvenWhenValuesAreShown() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.webhook.token=very-secret-token",
					"infobip.smtp.webhook.username=infobip", "infobip.smtp.webhook.password=very-secret-hookpw")
			.run((context) -> {
				String configProps = json(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				assertThat(configProps).contains("infobip").doesNotContain("very-secret");
				assertThat(json(context.getBean(EnvironmentEndpoint.class).environment(null)))
					.doesNotContain("very-secret");
			});
	}

	@Test
	void secretsInEnvironmentVariablesAreMaskedWhateverTheirName() {
		Map<String, Object> variables = Map.of("INFOBIP_API_KEY", "env-secret-key", "INFOBIP_SMTP_WEBHOOK_TOKEN",
				"env-secret-token", "MY_OWN_KEY_NAME", "env-secret-key", "INFOBIP_SMTP_APIKEY", "env-secret-other");
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=${INFOBIP_API_KEY}")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("test-environment", variables)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String environment = json(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(environment).contains("INFOBIP_API_KEY", "INFOBIP_SMTP_WEBHOOK_TOKEN", "MY_OWN_KEY_NAME")
					.doesNotContain("env-secret");
			});
	}

	@Test
	void secretsOnTheCommandLineAreMaskedInTheJavaCommandProperty() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=cmd-secret-key")
			.withSystemProperties("sun.java.command=com.example.ShopApplication --infobip.smtp.api-key=cmd-secret-key")
			.run((context) -> assertThat(json(context.getBean(EnvironmentEndpoint.class).environment(null)))
				.contains("sun.java.command")
				.doesNotContain("cmd-secret-key"));
	}

	@Test
	void nothingIsAddedWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("infobip.smtp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("infobipSmtpSanitizingFunction"));
	}

	private static String json(Object value) {
		return JsonMapper.builder().build().writeValueAsString(value);
	}

}

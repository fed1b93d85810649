/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.infobip.smtp.SmtpSecurity;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an {@link InfobipSmtpTestRelay} for each context it customizes, points the
 * starter at it through the highest-precedence property source, and registers the relay
 * (stopped when the context closes) and the post-processor that gives messages webhook
 * URLs on the application's own port. Equal for equal annotation attributes, so that
 * context caching works as without it; each cached context starts its own relay.
 */
final class InfobipSmtpTestRelayContextCustomizer implements ContextCustomizer {

	static final String RELAY_BEAN_NAME = "infobipSmtpTestRelay";

	static final String SSL_BUNDLE = "infobip-smtp-test-relay";

	private final SmtpSecurity security;

	private final AutoConfigureInfobipSmtpTestRelay.Credentials credentials;

	InfobipSmtpTestRelayContextCustomizer(SmtpSecurity security,
			AutoConfigureInfobipSmtpTestRelay.Credentials credentials) {
		this.security = security;
		this.credentials = credentials;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		register(InfobipSmtpTestRelay.start(this.security), this.credentials, context.getBeanFactory(),
				context.getEnvironment());
	}

	/**
	 * Register a started relay as a bean, closed with the context, and point the starter
	 * at it with the given credentials.
	 */
	static void register(InfobipSmtpTestRelay relay, AutoConfigureInfobipSmtpTestRelay.Credentials credentials,
			ConfigurableListableBeanFactory beanFactory, ConfigurableEnvironment environment) {
		beanFactory.registerSingleton(RELAY_BEAN_NAME, relay);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(RELAY_BEAN_NAME, relay::close);
		}
		beanFactory.registerSingleton("infobipSmtpTestRelayWebhookUrls",
				new TestRelayWebhookUrls(beanFactory, environment));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("infobipSmtpTestRelay", properties(relay, credentials)));
	}

	/**
	 * The properties that point the starter at the relay, with the given credentials.
	 */
	private static Map<String, Object> properties(InfobipSmtpTestRelay relay,
			AutoConfigureInfobipSmtpTestRelay.Credentials credentials) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("infobip.smtp.host", relay.host());
		properties.put("infobip.smtp.port", relay.port());
		properties.put("infobip.smtp.security", relay.security().name());
		properties.put("infobip.smtp.ssl.bundle", SSL_BUNDLE);
		properties.put("spring.ssl.bundle.pem." + SSL_BUNDLE + ".truststore.certificate", relay.caCertificatePem());
		boolean apiKey = credentials == AutoConfigureInfobipSmtpTestRelay.Credentials.API_KEY;
		// empty values override the application's, so that exactly one way is set
		properties.put("infobip.smtp.api-key", apiKey ? relay.apiKey() : "");
		properties.put("infobip.smtp.username", apiKey ? "" : relay.username());
		properties.put("infobip.smtp.password", apiKey ? "" : relay.password());
		return properties;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof InfobipSmtpTestRelayContextCustomizer that && this.security == that.security
				&& this.credentials == that.credentials;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.security, this.credentials);
	}

}

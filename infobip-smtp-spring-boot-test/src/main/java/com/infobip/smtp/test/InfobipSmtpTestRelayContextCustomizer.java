/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.util.LinkedHashMap;
import java.util.Map;

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

	private final RelayAttributes attributes;

	InfobipSmtpTestRelayContextCustomizer(RelayAttributes attributes) {
		this.attributes = attributes;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		register(this.attributes.start(), this.attributes.credentials(), context.getBeanFactory(),
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
		properties.put("infobip.smtp.host", relay.getHost());
		properties.put("infobip.smtp.port", relay.getPort());
		properties.put("infobip.smtp.security", relay.getSecurity().name());
		properties.put("infobip.smtp.ssl.bundle", SSL_BUNDLE);
		properties.put("spring.ssl.bundle.pem." + SSL_BUNDLE + ".truststore.certificate", relay.getCaCertificatePem());
		boolean apiKey = credentials == AutoConfigureInfobipSmtpTestRelay.Credentials.API_KEY;
		// empty values override the application's, so that exactly one way is set
		properties.put("infobip.smtp.api-key", apiKey ? relay.getApiKey() : "");
		properties.put("infobip.smtp.username", apiKey ? "" : relay.getUsername());
		properties.put("infobip.smtp.password", apiKey ? "" : relay.getPassword());
		return properties;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof InfobipSmtpTestRelayContextCustomizer that && this.attributes.equals(that.attributes);
	}

	@Override
	public int hashCode() {
		return this.attributes.hashCode();
	}

}

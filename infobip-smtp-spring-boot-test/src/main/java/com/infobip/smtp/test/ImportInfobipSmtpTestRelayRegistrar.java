/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Starts the relay of {@link ImportInfobipSmtpTestRelay} while the configuration classes
 * are processed, before any bean binds {@code infobip.smtp.*}. The relay is registered as
 * a singleton with its destruction callback, so that it stops when the context closes, or
 * fails to refresh.
 */
class ImportInfobipSmtpTestRelayRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		// processing ahead of time refreshes the context at build time, where a relay
		// would only keep the build's JVM running
		if (this.environment.getProperty(AbstractAotProcessor.AOT_PROCESSING, Boolean.class, false)) {
			return;
		}
		if (!(registry instanceof DefaultListableBeanFactory beanFactory)
				|| !(this.environment instanceof ConfigurableEnvironment environment)) {
			throw new IllegalStateException("@ImportInfobipSmtpTestRelay needs a Spring Boot application context");
		}
		if (beanFactory.containsSingleton(InfobipSmtpTestRelayContextCustomizer.RELAY_BEAN_NAME)) {
			// imported twice, or a test context's relay is there already
			return;
		}
		RelayAttributes attributes = RelayAttributes
			.of(metadata.getAnnotationAttributes(ImportInfobipSmtpTestRelay.class.getName()));
		InfobipSmtpTestRelayContextCustomizer.register(attributes.start(), attributes.credentials(), beanFactory,
				environment);
	}

}

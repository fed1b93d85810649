/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;

import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline relay is started for a running application only: AOT processing refreshes
 * the context at build time, where a relay would keep the build's JVM from exiting.
 */
class OfflineRelayTests {

	@Test
	void aotProcessingStartsNoRelayAndSetsNoRelayProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(environment);
			new OfflineRelay().initialize(context);
			assertThat(context.getBeanFactory().containsSingleton("offlineRelay")).isFalse();
			assertThat(environment.getPropertySources().contains("offlineRelay")).isFalse();
			assertThat(environment.getProperty("infobip.smtp.host")).isNull();
		}
	}

	@Test
	void runningApplicationGetsARelayThatStopsWithIt() {
		GreenMail relay;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(new MockEnvironment());
			new OfflineRelay().initialize(context);
			context.refresh();
			relay = context.getBean("offlineRelay", GreenMail.class);
			assertThat(relay.isRunning()).isTrue();
			assertThat(context.getEnvironment().getProperty("infobip.smtp.port", Integer.class))
				.isEqualTo(relay.getSmtps().getPort());
		}
		assertThat(relay.isRunning()).isFalse();
	}

}

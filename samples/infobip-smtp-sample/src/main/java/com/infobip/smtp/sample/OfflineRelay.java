/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Unless the {@code infobip} profile is active, starts an embedded relay on loopback that
 * speaks implicit TLS with a generated certificate and requires AUTH, like Infobip's port
 * 465, and points {@code infobip.smtp.*} at it. The relay is a bean named
 * {@code offlineRelay} and stops with the application. AOT processing (which refreshes
 * the context at build time) gets no relay: the relay and its properties are runtime
 * state, and its server thread would keep the build's JVM from exiting.
 */
class OfflineRelay implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String USER = "App";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (context.getEnvironment().acceptsProfiles(Profiles.of("infobip"))
				|| context.getEnvironment().getProperty(AbstractAotProcessor.AOT_PROCESSING, Boolean.class, false)) {
			return;
		}
		RelayCertificate certificate = RelayCertificate.shared();
		// GreenMail reads its TLS key from these properties
		System.setProperty("greenmail.tls.keystore.file", certificate.keyStore().toString());
		System.setProperty("greenmail.tls.keystore.password", RelayCertificate.PASSWORD);
		System.setProperty("greenmail.tls.key.password", RelayCertificate.PASSWORD);
		String apiKey = UUID.randomUUID().toString();
		GreenMail relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
			.withConfiguration(GreenMailConfiguration.aConfig().withUser("app@localhost", USER, apiKey));
		relay.start();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("offlineRelay",
					Map.of("infobip.smtp.host", "localhost", "infobip.smtp.port", relay.getSmtps().getPort(),
							"infobip.smtp.security", "TLS", "infobip.smtp.api-key", apiKey, "infobip.smtp.ssl.bundle",
							"offline-relay", "spring.ssl.bundle.pem.offline-relay.truststore.certificate",
							"file:" + certificate.certificatePem())));
		context.getBeanFactory().registerSingleton("offlineRelay", relay);
		context.addApplicationListener(new ApplicationListener<ContextClosedEvent>() {

			@Override
			public void onApplicationEvent(ContextClosedEvent event) {
				relay.stop();
			}

		});
	}

}

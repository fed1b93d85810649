/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the {@code infobip} profile, the start-up message goes to the real relay and real
 * reports follow, so nothing may be simulated. An application processed ahead of time
 * without that profile has the simulator's bean, as {@code @Profile} is decided at build
 * time: here it is registered the same way, unconditionally.
 */
class StartupMessageTests {

	@Test
	void infobipProfileWithSimulatorRegisteredAheadOfTimeSimulatesNoReports() {
		RelayCertificate certificate = RelayCertificate.shared();
		System.setProperty("greenmail.tls.keystore.file", certificate.keyStore().toString());
		System.setProperty("greenmail.tls.keystore.password", RelayCertificate.PASSWORD);
		System.setProperty("greenmail.tls.key.password", RelayCertificate.PASSWORD);
		String apiKey = UUID.randomUUID().toString();
		GreenMail relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
			.withConfiguration(GreenMailConfiguration.aConfig().withUser("app@localhost", "App", apiKey));
		relay.start();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(InfobipSmtpSampleApplication.class)
			.profiles("infobip")
			.initializers((applicationContext) -> ((GenericApplicationContext) applicationContext)
				.registerBean(InfobipReportSimulator.class))
			// what the profile requires, and a loopback relay in place of Infobip's
			.run("--INFOBIP_API_KEY=" + apiKey, "--INFOBIP_FROM=shop@example.com", "--SAMPLE_TO=friend@example.com",
					"--INFOBIP_WEBHOOK_TOKEN=test-webhook-token", "--SAMPLE_SEND_TOKEN=test-send-token",
					"--infobip.smtp.host=localhost", "--infobip.smtp.port=" + relay.getSmtps().getPort(),
					"--infobip.smtp.security=TLS", "--infobip.smtp.ssl.bundle=test-relay",
					"--spring.ssl.bundle.pem.test-relay.truststore.certificate=file:" + certificate.certificatePem(),
					"--server.port=0")) {
			assertThat(context.getBeansOfType(InfobipReportSimulator.class)).hasSize(1);
			assertThat(context.containsBean("offlineRelay")).isFalse();
			assertThat(relay.getReceivedMessages()).hasSize(1);
			assertThat(context.getBean(DeliveryLog.class).matched()).isEmpty();
		}
		finally {
			relay.stop();
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.ImportInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The offline mode: a test relay on loopback that speaks implicit TLS and requires AUTH,
 * like Infobip's port 465, with the starter pointed at it, {@link SimulatedInfobip}
 * reporting on every message it takes, and {@link DemoOrders} placing an order on
 * start-up.
 */
@TestConfiguration(proxyBeanMethods = false)
@ImportInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
class OfflineConfiguration {

	@Bean
	SimulatedInfobip simulatedInfobip(InfobipSmtpTestRelay relay) {
		return new SimulatedInfobip(relay);
	}

	@Bean
	DemoOrders demoOrders() {
		return new DemoOrders();
	}

}

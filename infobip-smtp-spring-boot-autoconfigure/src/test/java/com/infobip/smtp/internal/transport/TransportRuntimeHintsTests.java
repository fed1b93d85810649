/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Jakarta Mail creates by reflection is registered for native images, through the
 * registrar Spring's AOT processing finds.
 */
class TransportRuntimeHintsTests {

	@Test
	void transportConstructorJakartaMailInvokesIsRegisteredThroughAotFactories() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(InfobipSmtpTransport.class.getConstructor(Session.class, URLName.class)))
			.accepts(hints);
	}

}

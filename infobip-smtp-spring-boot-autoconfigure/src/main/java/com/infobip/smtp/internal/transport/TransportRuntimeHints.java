/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Hints for a native image: Jakarta Mail creates {@link InfobipSmtpTransport} by
 * reflection from the class name in the connector's provider. Angus Mail registers its
 * own providers, not this one. Registered in {@code META-INF/spring/aot.factories}.
 */
final class TransportRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(InfobipSmtpTransport.class, (type) -> type
				.withConstructor(TypeReference.listOf(Session.class, URLName.class), ExecutableMode.INVOKE));
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

import com.infobip.smtp.SmtpSecurity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * How the annotation's customizer plays with Spring's test context cache: equal for equal
 * attributes, a relay of its own for each context it customizes.
 */
class InfobipSmtpTestRelayContextCustomizerFactoryTests {

	private final InfobipSmtpTestRelayContextCustomizerFactory factory = new InfobipSmtpTestRelayContextCustomizerFactory();

	@Test
	void classesWithEqualAttributesGetEqualCustomizersSoTheyShareACachedContext() {
		assertThat(customizer(Annotated.class)).isEqualTo(customizer(AlsoAnnotated.class))
			.hasSameHashCodeAs(customizer(AlsoAnnotated.class));
		assertThat(customizer(Annotated.class)).isNotEqualTo(customizer(ImplicitTls.class))
			.isNotEqualTo(customizer(Account.class))
			.isNotEqualTo(customizer(WithoutPipelining.class));
	}

	@Test
	void unannotatedClassGetsNoCustomizer() {
		assertThat(customizer(InfobipSmtpTestRelayContextCustomizerFactoryTests.class)).isNull();
	}

	@Test
	void nestedClassInheritsTheEnclosingClassesAnnotation() {
		assertThat(customizer(Annotated.Inner.class)).isEqualTo(customizer(Annotated.class));
	}

	@Test
	void eachContextGetsItsOwnRelayWhichStopsWithTheContext() throws IOException {
		ContextCustomizer customizer = customizer(Annotated.class);
		int firstPort;
		int secondPort;
		try (GenericApplicationContext first = new GenericApplicationContext();
				GenericApplicationContext second = new GenericApplicationContext()) {
			customizer.customizeContext(first, configuration());
			customizer.customizeContext(second, configuration());
			first.refresh();
			second.refresh();
			firstPort = first.getBean(InfobipSmtpTestRelay.class).getPort();
			secondPort = second.getBean(InfobipSmtpTestRelay.class).getPort();
			assertThat(firstPort).isNotEqualTo(secondPort);
			assertThat(first.getEnvironment().getProperty("infobip.smtp.port", Integer.class)).isEqualTo(firstPort);
			assertThat(second.getEnvironment().getProperty("infobip.smtp.port", Integer.class)).isEqualTo(secondPort);
			new Socket("localhost", firstPort).close();
		}
		assertThatIOException().isThrownBy(() -> new Socket("localhost", firstPort).close());
		assertThatIOException().isThrownBy(() -> new Socket("localhost", secondPort).close());
	}

	@Test
	void relayOffersPipeliningUnlessTheAnnotationSwitchesItOff() {
		try (GenericApplicationContext pipelining = new GenericApplicationContext();
				GenericApplicationContext withoutPipelining = new GenericApplicationContext()) {
			customizer(Annotated.class).customizeContext(pipelining, configuration());
			customizer(WithoutPipelining.class).customizeContext(withoutPipelining, configuration());
			pipelining.refresh();
			withoutPipelining.refresh();
			assertThat(pipelining.getBean(InfobipSmtpTestRelay.class).isPipelining()).isTrue();
			assertThat(withoutPipelining.getBean(InfobipSmtpTestRelay.class).isPipelining()).isFalse();
		}
	}

	private static MergedContextConfiguration configuration() {
		return new MergedContextConfiguration(Annotated.class, null, null, null, null);
	}

	private ContextCustomizer customizer(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	@AutoConfigureInfobipSmtpTestRelay
	static class Annotated {

		@Nested
		class Inner {

		}

	}

	@AutoConfigureInfobipSmtpTestRelay
	static class AlsoAnnotated {

	}

	@AutoConfigureInfobipSmtpTestRelay(security = SmtpSecurity.TLS)
	static class ImplicitTls {

	}

	@AutoConfigureInfobipSmtpTestRelay(credentials = AutoConfigureInfobipSmtpTestRelay.Credentials.USERNAME_PASSWORD)
	static class Account {

	}

	@AutoConfigureInfobipSmtpTestRelay(pipelining = false)
	static class WithoutPipelining {

	}

}

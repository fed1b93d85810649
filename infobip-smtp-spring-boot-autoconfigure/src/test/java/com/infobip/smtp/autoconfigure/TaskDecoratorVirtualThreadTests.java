/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.SenderContextRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * With {@code spring.threads.virtual.enabled=true} the starter's threads are virtual, and
 * the application's TaskDecorator beans apply to them as to platform threads. Needs Java
 * 21; {@code ./mvnw verify} runs it on the JDK 25 of this project's machines (profile
 * {@code java25}).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class TaskDecoratorVirtualThreadTests {

	@Test
	void taskDecoratorBeanCarriesTheCallersMdcIntoSendAsyncOnAVirtualThread() {
		TaskDecoratorTests.sendAsyncSeesTheCallersMdc(
				SenderContextRunners.withMetrics().withPropertyValues("spring.threads.virtual.enabled=true"),
				TaskDecoratorVirtualThreadTests::isVirtual);
	}

	@Test
	void taskDecoratorBeanWrapsTheOutboxsSendsOnVirtualThreads() {
		TaskDecoratorTests.outboxSendsAreDecorated(
				OutboxContexts.withOutbox().withPropertyValues("spring.threads.virtual.enabled=true"),
				TaskDecoratorVirtualThreadTests::isVirtual);
	}

	static boolean isVirtual(Thread thread) {
		try {
			// Thread.isVirtual() is Java 21 API; the tests compile for Java 17
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

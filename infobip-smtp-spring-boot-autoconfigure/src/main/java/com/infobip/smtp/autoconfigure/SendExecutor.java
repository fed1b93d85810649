/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The bounded executor behind sendAsync and batch sends. Deliberately not a bean of type
 * Executor, which would make Spring Boot's applicationTaskExecutor back off.
 */
final class SendExecutor implements DisposableBean {

	private final Executor executor;

	private final Runnable shutdown;

	private SendExecutor(Executor executor, Runnable shutdown) {
		this.executor = executor;
		this.shutdown = shutdown;
	}

	static SendExecutor platformThreads(int threads, int queueCapacity, Duration shutdownTimeout) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setQueueCapacity(queueCapacity);
		executor.setThreadNamePrefix("infobip-smtp-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationMillis(shutdownTimeout.toMillis());
		executor.initialize();
		return new SendExecutor(executor, executor::shutdown);
	}

	static SendExecutor virtualThreads(int concurrencyLimit) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("infobip-smtp-");
		executor.setVirtualThreads(true);
		executor.setConcurrencyLimit(concurrencyLimit);
		executor.setRejectTasksWhenLimitReached(true);
		return new SendExecutor(executor, executor::close);
	}

	Executor executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.shutdown.run();
	}

}

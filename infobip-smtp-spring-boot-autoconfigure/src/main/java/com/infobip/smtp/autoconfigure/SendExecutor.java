/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads behind sendAsync and batch sends. It bounds nothing itself:
 * InfobipMailSender runs at most as many sends on it as there are connections and queues
 * the rest, so platform and virtual threads behave the same. Deliberately not a bean of
 * type Executor, which would make Spring Boot's applicationTaskExecutor back off.
 */
final class SendExecutor implements DisposableBean {

	private final Executor executor;

	private final Runnable shutdown;

	private SendExecutor(Executor executor, Runnable shutdown) {
		this.executor = executor;
		this.shutdown = shutdown;
	}

	static SendExecutor platformThreads(int threads) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		// the sender hands over at most one task per thread; room for as many covers a
		// thread that has finished its task but not yet taken the next
		executor.setQueueCapacity(threads);
		executor.setThreadNamePrefix("infobip-smtp-");
		// the sender's shutdown has waited for its sends already: do not wait again
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationMillis(0);
		executor.initialize();
		return new SendExecutor(executor, executor::shutdown);
	}

	static SendExecutor virtualThreads() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("infobip-smtp-");
		executor.setVirtualThreads(true);
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

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads behind sendAsync and batch sends, from Spring Boot's builders (see
 * {@link TaskBuilders}): virtual threads with spring.threads.virtual.enabled, otherwise a
 * pool of as many platform threads as the pool has connections. It bounds nothing itself:
 * InfobipMailSender runs at most as many sends on it as there are connections and queues
 * the rest, so platform and virtual threads behave the same. The application's
 * TaskDecorators are not applied by the executor but by the sender, to each send on the
 * thread that hands it over: a send that waits in the sender's queue and then runs after
 * another one carries its own caller's context. Deliberately not a bean of type Executor,
 * which would make Spring Boot's applicationTaskExecutor back off.
 */
final class SendExecutor implements DisposableBean {

	private static final String THREAD_NAME_PREFIX = "infobip-smtp-";

	private final Executor executor;

	private final Runnable shutdown;

	private final @Nullable TaskDecorator taskDecorator;

	private SendExecutor(Executor executor, Runnable shutdown, @Nullable TaskDecorator taskDecorator) {
		this.executor = executor;
		this.shutdown = shutdown;
		this.taskDecorator = taskDecorator;
	}

	static SendExecutor create(TaskBuilders decorated, int threads) {
		TaskBuilders builders = decorated.undecorated();
		if (builders.virtualThreads()) {
			SimpleAsyncTaskExecutor executor = builders.simpleAsyncExecutor()
				.threadNamePrefix(THREAD_NAME_PREFIX)
				.build();
			return new SendExecutor(executor, executor::close, decorated.taskDecorator());
		}
		ThreadPoolTaskExecutor executor = builders.threadPoolExecutor()
			.corePoolSize(threads)
			.maxPoolSize(threads)
			// the sender hands over at most one task per thread; room for as many
			// covers a thread that has finished its task but not yet taken the next
			.queueCapacity(threads)
			.threadNamePrefix(THREAD_NAME_PREFIX)
			// the sender's shutdown has waited for its sends already: do not wait again
			.awaitTermination(true)
			.awaitTerminationPeriod(Duration.ZERO)
			.build();
		executor.initialize();
		return new SendExecutor(executor, executor::shutdown, decorated.taskDecorator());
	}

	Executor executor() {
		return this.executor;
	}

	@Nullable TaskDecorator taskDecorator() {
		return this.taskDecorator;
	}

	@Override
	public void destroy() {
		this.shutdown.run();
	}

}

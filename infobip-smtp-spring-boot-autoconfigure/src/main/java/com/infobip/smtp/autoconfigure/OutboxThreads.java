/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads of the outbox, from Spring Boot's builders (see {@link TaskBuilders}): an
 * executor for its dispatchers, one task each from start to stop, and a scheduler that
 * renews their claims and writes again an outcome the database refused. Virtual threads
 * with spring.threads.virtual.enabled, otherwise as many platform threads as dispatchers
 * and one for the scheduler, daemon threads as the outbox's always were. The outbox's
 * stop waits for its dispatchers; this only lets the threads go once it has stopped.
 * Deliberately not beans of type Executor or TaskScheduler, which would make Spring
 * Boot's applicationTaskExecutor and taskScheduler back off.
 */
final class OutboxThreads implements DisposableBean {

	private static final String THREAD_NAME_PREFIX = "infobip-smtp-outbox-";

	private static final String SCHEDULER_THREAD_NAME_PREFIX = THREAD_NAME_PREFIX + "scheduler-";

	private final TaskExecutor executor;

	private final TaskScheduler scheduler;

	private final Runnable shutdown;

	private OutboxThreads(TaskExecutor executor, TaskScheduler scheduler, Runnable shutdown) {
		this.executor = executor;
		this.scheduler = scheduler;
		this.shutdown = shutdown;
	}

	static OutboxThreads create(TaskBuilders builders, int dispatchers) {
		if (builders.virtualThreads()) {
			SimpleAsyncTaskExecutor executor = builders.simpleAsyncExecutor()
				.threadNamePrefix(THREAD_NAME_PREFIX)
				.build();
			SimpleAsyncTaskScheduler scheduler = builders.simpleAsyncScheduler()
				.threadNamePrefix(SCHEDULER_THREAD_NAME_PREFIX)
				.build();
			return new OutboxThreads(executor, scheduler, () -> {
				scheduler.close();
				executor.close();
			});
		}
		ThreadPoolTaskExecutor executor = builders.threadPoolExecutor()
			.corePoolSize(dispatchers)
			.maxPoolSize(dispatchers)
			// room for as many again: dispatchers started again while those that outlived
			// the shutdown timeout end their sends wait for them
			.queueCapacity(dispatchers)
			.threadNamePrefix(THREAD_NAME_PREFIX)
			// the outbox's stop has waited for its dispatchers already: do not wait
			// again, and do not interrupt a send still in flight
			.awaitTermination(true)
			.awaitTerminationPeriod(Duration.ZERO)
			.build();
		executor.setDaemon(true);
		executor.initialize();
		ThreadPoolTaskScheduler scheduler = builders.threadPoolScheduler()
			.poolSize(1)
			.threadNamePrefix(SCHEDULER_THREAD_NAME_PREFIX)
			.awaitTermination(true)
			.awaitTerminationPeriod(Duration.ZERO)
			.build();
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		return new OutboxThreads(executor, scheduler, () -> {
			scheduler.shutdown();
			executor.shutdown();
		});
	}

	TaskExecutor executor() {
		return this.executor;
	}

	TaskScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.shutdown.run();
	}

}

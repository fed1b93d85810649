/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * Spring Boot's task builders as the starter's threads use them: with the application's
 * TaskDecorator beans, one as it is and several composed in order as Spring Boot does for
 * its own executor (which includes spring.task.execution.propagate-context), and with
 * virtual threads when spring.threads.virtual.enabled is set on Java 21 or later. The
 * builders are new rather than Spring Boot's builder beans: those carry
 * spring.task.execution.* and spring.task.scheduling.* and the application's customizers,
 * meant for its own executor and scheduler, which would then size and name the starter's
 * threads too.
 */
final class TaskBuilders {

	private final @Nullable TaskDecorator taskDecorator;

	private final boolean virtualThreads;

	TaskBuilders(@Nullable TaskDecorator taskDecorator, boolean virtualThreads) {
		this.taskDecorator = taskDecorator;
		this.virtualThreads = virtualThreads;
	}

	static TaskBuilders of(ObjectProvider<TaskDecorator> taskDecorators, Environment environment) {
		List<TaskDecorator> decorators = taskDecorators.orderedStream().toList();
		TaskDecorator decorator = switch (decorators.size()) {
			case 0 -> null;
			case 1 -> decorators.get(0);
			default -> new CompositeTaskDecorator(decorators);
		};
		return new TaskBuilders(decorator, Threading.VIRTUAL.isActive(environment));
	}

	boolean virtualThreads() {
		return this.virtualThreads;
	}

	/**
	 * Return the application's decorators, composed, for work that is decorated where it
	 * is handed over rather than by the executor that runs it.
	 */
	@Nullable TaskDecorator taskDecorator() {
		return this.taskDecorator;
	}

	/**
	 * Return these builders without the decorators.
	 */
	TaskBuilders undecorated() {
		return new TaskBuilders(null, this.virtualThreads);
	}

	ThreadPoolTaskExecutorBuilder threadPoolExecutor() {
		return new ThreadPoolTaskExecutorBuilder().taskDecorator(this.taskDecorator);
	}

	SimpleAsyncTaskExecutorBuilder simpleAsyncExecutor() {
		return new SimpleAsyncTaskExecutorBuilder().taskDecorator(this.taskDecorator)
			.virtualThreads(this.virtualThreads);
	}

	ThreadPoolTaskSchedulerBuilder threadPoolScheduler() {
		return new ThreadPoolTaskSchedulerBuilder().taskDecorator(this.taskDecorator);
	}

	SimpleAsyncTaskSchedulerBuilder simpleAsyncScheduler() {
		return new SimpleAsyncTaskSchedulerBuilder().taskDecorator(this.taskDecorator)
			.virtualThreads(this.virtualThreads);
	}

}

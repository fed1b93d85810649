/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * Runs sendAsync jobs and the helpers of batches on an executor, the same whether its
 * threads are platform or virtual ones: at most {@code concurrency} jobs run at once, up
 * to {@code queueCapacity} more wait in order of submission, and a job beyond those is
 * rejected at once. A queued job holds no thread and no connection, so no pool max-wait
 * runs out while it waits. Helpers only take a free place, they never queue.
 */
public final class AsyncSends {

	private final Executor executor;

	private final @Nullable TaskDecorator taskDecorator;

	private final int concurrency;

	private final int queueCapacity;

	private final Object lock = new Object();

	private final Deque<Job> queue = new ArrayDeque<>();

	private int running;

	/**
	 * Create the places of an executor.
	 * @param executor runs the jobs
	 * @param taskDecorator decorates each job on the thread that submits it, or
	 * {@code null}
	 * @param concurrency the most jobs running at once
	 * @param queueCapacity the most jobs waiting
	 */
	public AsyncSends(Executor executor, @Nullable TaskDecorator taskDecorator, int concurrency, int queueCapacity) {
		this.executor = executor;
		this.taskDecorator = taskDecorator;
		this.concurrency = concurrency;
		this.queueCapacity = queueCapacity;
	}

	/**
	 * Run a job as soon as a place is free, after the jobs submitted before it, or reject
	 * it at once when as many are queued as the capacity allows.
	 * @param job the job
	 */
	void submit(Job submitted) {
		Job job = decorated(submitted);
		boolean start;
		synchronized (this.lock) {
			if (this.running < this.concurrency) {
				this.running++;
				start = true;
			}
			else if (this.queue.size() < this.queueCapacity) {
				this.queue.addLast(job);
				return;
			}
			else {
				start = false;
			}
		}
		if (start) {
			start(job);
		}
		else {
			rejectFull(job);
		}
	}

	/**
	 * Start a job at once if a place is free; never queue it.
	 * @param job the job
	 * @return whether it was started
	 */
	boolean tryStart(Job submitted) {
		Job job = decorated(submitted);
		synchronized (this.lock) {
			if (this.running >= this.concurrency || !this.queue.isEmpty()) {
				return false;
			}
			this.running++;
		}
		return start(job);
	}

	/**
	 * Remove the jobs that have not started.
	 * @return the jobs, in order of submission
	 */
	List<Job> removeQueued() {
		synchronized (this.lock) {
			List<Job> queued = new ArrayList<>(this.queue);
			this.queue.clear();
			return queued;
		}
	}

	/**
	 * Decorate a job here, on the thread that submits it: a job may run after another one
	 * on that one's executor task, which the executor decorated for the other's caller.
	 */
	private Job decorated(Job job) {
		if (this.taskDecorator == null) {
			return job;
		}
		Runnable run = this.taskDecorator.decorate(job::run);
		return new Job() {

			@Override
			public void run() {
				run.run();
			}

			@Override
			public void reject(MailException reason) {
				job.reject(reason);
			}

		};
	}

	private boolean start(Job job) {
		try {
			this.executor.execute(() -> work(job));
			return true;
		}
		catch (RejectedExecutionException ex) {
			List<Job> orphaned;
			synchronized (this.lock) {
				this.running--;
				// queued jobs wait for a running one:
				// without any, nothing would take them
				orphaned = (this.running == 0) ? removeQueued() : List.of();
			}
			MailSendException refused = new MailSendException(
					"Message not sent: the executor of InfobipMailSender refused to run it", ex);
			job.reject(refused);
			orphaned.forEach((queued) -> queued.reject(refused));
			return false;
		}
	}

	private void work(Job first) {
		Job job = first;
		try {
			while (job != null) {
				job.run();
				job = next();
			}
		}
		finally {
			if (job != null) {
				// the job threw: hand this place on
				Job next = next();
				if (next != null) {
					start(next);
				}
			}
		}
	}

	private Job next() {
		synchronized (this.lock) {
			Job next = this.queue.pollFirst();
			if (next == null) {
				this.running--;
			}
			return next;
		}
	}

	private void rejectFull(Job job) {
		job.reject(new MailSendException("Message not sent: InfobipMailSender already runs " + this.concurrency
				+ " send(s) and has " + this.queueCapacity
				+ " more queued, as many as infobip.smtp.async.queue-capacity allows; send later or raise it"));
	}

	/**
	 * A send, or a batch helper, to run on the executor.
	 */
	interface Job {

		/**
		 * Run the job; it reports its own outcome.
		 */
		void run();

		/**
		 * Report that the job will not run.
		 * @param reason why
		 */
		void reject(MailException reason);

	}

}

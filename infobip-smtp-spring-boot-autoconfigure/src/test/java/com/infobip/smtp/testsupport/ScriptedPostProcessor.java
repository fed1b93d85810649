/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.infobip.smtp.InfobipMessagePostProcessor;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A post-processor that runs in the sending thread before any connection is taken, and
 * lets a test occupy that thread: a message with header {@value #BLOCK} waits until
 * {@link #release()}, one with header {@value #RUN} runs the action set with
 * {@link #onRun(Consumer)}. It records the thread of every message.
 */
public final class ScriptedPostProcessor implements InfobipMessagePostProcessor {

	/** Header of messages that wait for {@link #release()}. */
	public static final String BLOCK = "X-Test-Block";

	/** Header of messages that run the action. */
	public static final String RUN = "X-Test-Run";

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger blocked = new AtomicInteger();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private volatile Consumer<MimeMessage> action = (message) -> {
	};

	@Override
	public void postProcess(MimeMessage message) throws MessagingException {
		this.threads.add(Thread.currentThread());
		if (message.getHeader(BLOCK) != null) {
			this.blocked.incrementAndGet();
			try {
				if (!this.release.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("Never released");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (message.getHeader(RUN) != null) {
			this.action.accept(message);
		}
	}

	/**
	 * Set what a message with header {@value #RUN} runs.
	 * @param action the action
	 */
	public void onRun(Consumer<MimeMessage> action) {
		this.action = action;
	}

	/**
	 * Return how many messages are waiting, or waited, for {@link #release()}.
	 * @return the number of blocked messages
	 */
	public int blocked() {
		return this.blocked.get();
	}

	/**
	 * Let every blocked message, and those to come, go on.
	 */
	public void release() {
		this.release.countDown();
	}

	/**
	 * Return the threads that post-processed messages, in order.
	 * @return the threads
	 */
	public List<Thread> threads() {
		return List.copyOf(this.threads);
	}

}

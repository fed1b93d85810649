/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.InfobipBatchResult;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.RecipientsRefusedException;
import io.micrometer.observation.Observation;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * Sends on the sender's executor: one message in the background ({@link #sendAsync}), or
 * many in parallel with the caller ({@link #sendBatch}). Without an executor both run in
 * the calling thread. A send on another thread joins the caller's observation.
 */
public final class AsyncSending {

	private final SendPipeline pipeline;

	private final SenderLifecycle lifecycle;

	private final @Nullable AsyncSends asyncSends;

	private final int batchParallelism;

	/**
	 * Create the async sending of a sender.
	 * @param pipeline sends each message
	 * @param lifecycle counts the sends and tells whether they may still start
	 * @param asyncSends the executor's places, or {@code null} to run in the caller
	 * @param batchParallelism how many messages of a batch are sent at once
	 */
	public AsyncSending(SendPipeline pipeline, SenderLifecycle lifecycle, @Nullable AsyncSends asyncSends,
			int batchParallelism) {
		this.pipeline = pipeline;
		this.lifecycle = lifecycle;
		this.asyncSends = asyncSends;
		this.batchParallelism = batchParallelism;
	}

	/**
	 * Send a message on the executor, or fail its future at once when the queue is full
	 * or the sender shut down.
	 * @param message the message
	 * @return the result, or the exception a send would throw
	 */
	public CompletableFuture<InfobipSendResult> sendAsync(MimeMessage message) {
		CompletableFuture<InfobipSendResult> future = new CompletableFuture<>();
		try {
			this.lifecycle.begin();
		}
		catch (MailException ex) {
			future.completeExceptionally(ex);
			return future;
		}
		AsyncSend send = new AsyncSend(message, future, currentObservation());
		if (this.asyncSends != null) {
			this.asyncSends.submit(send);
		}
		else {
			send.run();
		}
		return future;
	}

	/**
	 * Send many messages in parallel and report each one's fate. The calling thread sends
	 * too; helpers join only where a place is free, so the caller never waits for a
	 * helper that has not started.
	 * @param messages the messages
	 * @return what became of each message
	 */
	public InfobipBatchResult sendBatch(Collection<MimeMessage> messages) {
		this.lifecycle.begin();
		try {
			Batch batch = new Batch(List.copyOf(messages), currentObservation());
			for (int i = 1; i < Math.min(this.batchParallelism, batch.size()) && this.asyncSends != null; i++) {
				if (!this.asyncSends.tryStart(batch)) {
					break;
				}
			}
			batch.run();
			return batch.result();
		}
		finally {
			this.lifecycle.end();
		}
	}

	/**
	 * Send messages in parallel, as {@code JavaMailSender.send} does for several: throw,
	 * once all are done, if one was not sent to all its recipients.
	 * @param messages the messages
	 * @throws MailSendException listing every message not sent to all its recipients
	 */
	public void sendAll(List<MimeMessage> messages) {
		InfobipBatchResult batch = sendBatch(messages);
		Map<Object, Exception> failed = new LinkedHashMap<>(batch.failed());
		batch.sent().forEach((message, result) -> {
			if (result.isPartial()) {
				failed.put(message, new RecipientsRefusedException(result, Map.of()));
			}
		});
		if (!failed.isEmpty()) {
			throw new MailSendException(failed.size() + " of " + messages.size()
					+ " messages were not sent to all their recipients through Infobip SMTP relay "
					+ this.pipeline.describeRelay(), null, failed);
		}
	}

	private @Nullable Observation currentObservation() {
		return this.pipeline.getObservationRegistry().getCurrentObservation();
	}

	/**
	 * One sendAsync call, run on the executor or failed before it started.
	 */
	private final class AsyncSend implements AsyncSends.Job {

		private final MimeMessage message;

		private final CompletableFuture<InfobipSendResult> future;

		// the caller's observation, so that the send on another thread joins its trace
		private final @Nullable Observation parent;

		AsyncSend(MimeMessage message, CompletableFuture<InfobipSendResult> future, @Nullable Observation parent) {
			this.message = message;
			this.future = future;
			this.parent = parent;
		}

		@Override
		public void run() {
			if (AsyncSending.this.lifecycle.isDrained()) {
				// taken from the queue as the shutdown timeout ran out
				reject(SendFailures.notStarted());
				return;
			}
			try {
				this.future.complete(AsyncSending.this.pipeline.send(this.message, this.parent));
			}
			catch (Throwable ex) {
				this.future.completeExceptionally(ex);
			}
			finally {
				AsyncSending.this.lifecycle.end();
			}
		}

		@Override
		public void reject(MailException reason) {
			try {
				this.future.completeExceptionally(reason);
			}
			finally {
				AsyncSending.this.lifecycle.end();
			}
		}

	}

	/**
	 * The messages of one sendBatch call, taken one at a time by the caller and by the
	 * helpers that run. A helper takes a message only once it runs, so the caller waits
	 * only for messages that a running helper is sending.
	 */
	private final class Batch implements AsyncSends.Job {

		private final List<MimeMessage> messages;

		private final Object[] outcomes;

		private final AtomicInteger next = new AtomicInteger();

		private final CountDownLatch done;

		// the caller's observation, so that messages sent by helpers join its trace
		private final @Nullable Observation parent;

		Batch(List<MimeMessage> messages, @Nullable Observation parent) {
			this.messages = messages;
			this.parent = parent;
			this.outcomes = new Object[messages.size()];
			this.done = new CountDownLatch(messages.size());
		}

		int size() {
			return this.messages.size();
		}

		@Override
		public void run() {
			for (int i = this.next.getAndIncrement(); i < this.messages.size(); i = this.next.getAndIncrement()) {
				try {
					this.outcomes[i] = AsyncSending.this.lifecycle.isDrained() ? SendFailures.notStarted()
							: AsyncSending.this.pipeline.send(this.messages.get(i), this.parent);
				}
				catch (Throwable ex) {
					this.outcomes[i] = ex;
				}
				finally {
					this.done.countDown();
				}
			}
		}

		@Override
		public void reject(MailException reason) {
			// helpers start at once or not at all
		}

		InfobipBatchResult result() {
			boolean interrupted = false;
			while (true) {
				try {
					this.done.await();
					break;
				}
				catch (InterruptedException ex) {
					// a message in flight ends within the relay's timeouts
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			Map<MimeMessage, InfobipSendResult> sent = new LinkedHashMap<>();
			Map<MimeMessage, Exception> failed = new LinkedHashMap<>();
			for (int i = 0; i < this.messages.size(); i++) {
				if (this.outcomes[i] instanceof InfobipSendResult result) {
					sent.put(this.messages.get(i), result);
				}
				else if (this.outcomes[i] instanceof Exception ex) {
					failed.put(this.messages.get(i), ex);
				}
				else {
					throw (Error) this.outcomes[i];
				}
			}
			return new InfobipBatchResult(sent, failed);
		}

	}

}

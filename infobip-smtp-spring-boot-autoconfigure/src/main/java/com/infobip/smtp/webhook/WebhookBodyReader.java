/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;

/**
 * Reads a webhook body of at most a given size within a deadline.
 * <p>
 * A request that supports async processing is read with the Servlet API's non-blocking
 * I/O: no thread waits while the client sends, and at the deadline the read is given up
 * whether bytes still trickle in or none come at all. The blocking servlet input stream
 * offers no such bound: on Tomcat a blocked read ignores interrupts and is not woken when
 * another thread closes the stream, and the connector's read timeout starts again with
 * every byte. Otherwise (a filter or servlet in front of the endpoints does not support
 * async processing) the body is read on the request thread and the deadline is checked as
 * bytes arrive, which cuts a slow body short at the first byte after the deadline, but
 * leaves a client that stops sending to the connector's timeout.
 * <p>
 * After an answer of 408 or 413 to a body not read in full, Tomcat closes the connection
 * rather than read the rest.
 */
final class WebhookBodyReader implements ReadListener {

	private static final int CHUNK_SIZE = 8192;

	private final ServletInputStream in;

	private final long maxBodySize;

	private final ByteArrayOutputStream received;

	private final byte[] chunk = new byte[CHUNK_SIZE];

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	private WebhookBodyReader(HttpServletRequest request, long maxBodySize) throws IOException {
		this.in = request.getInputStream();
		this.maxBodySize = maxBodySize;
		// grown as bytes arrive, never sized by what the client announces
		this.received = new ByteArrayOutputStream(CHUNK_SIZE);
	}

	/**
	 * Read the body without holding a thread while it arrives. The read starts once
	 * Spring MVC has started async processing of the request, which it does when it
	 * writes the asynchronous response the caller returns.
	 * @param request a request that supports async processing
	 * @param maxBodySize the largest body read, in bytes
	 * @param timeout the longest the body may take to arrive
	 * @return the body, or a failure: {@link TimeoutException} after the timeout,
	 * {@link BodyTooLargeException}, or the container's {@link IOException}
	 * @throws IOException if the request's input stream cannot be had
	 */
	static CompletableFuture<byte[]> readAsync(HttpServletRequest request, long maxBodySize, Duration timeout)
			throws IOException {
		WebhookBodyReader reader = new WebhookBodyReader(request, maxBodySize);
		// a read listener may only be set once async processing has started
		WebAsyncUtils.getAsyncManager(request)
			.registerDeferredResultInterceptor(WebhookBodyReader.class, new DeferredResultProcessingInterceptor() {

				@Override
				public <T> void preProcess(NativeWebRequest webRequest, DeferredResult<T> deferredResult) {
					try {
						reader.in.setReadListener(reader);
					}
					catch (RuntimeException ex) {
						reader.body.completeExceptionally(ex);
					}
				}

			});
		return reader.body.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Read the body on this thread, checking the deadline as bytes arrive.
	 * @param request the request
	 * @param maxBodySize the largest body read, in bytes
	 * @param timeout the longest the body may take to arrive
	 * @return the body
	 * @throws TimeoutException if bytes still arrived after the timeout
	 * @throws BodyTooLargeException if the body is larger than maxBodySize
	 * @throws IOException if the body could not be read
	 */
	static byte[] read(HttpServletRequest request, long maxBodySize, Duration timeout)
			throws IOException, TimeoutException {
		long deadline = System.nanoTime() + timeout.toNanos();
		WebhookBodyReader reader = new WebhookBodyReader(request, maxBodySize);
		try (InputStream in = reader.in) {
			for (int read = in.read(reader.chunk); read != -1; read = in.read(reader.chunk)) {
				reader.append(read);
				if (System.nanoTime() - deadline > 0) {
					throw new TimeoutException();
				}
			}
		}
		return reader.received.toByteArray();
	}

	@Override
	public void onDataAvailable() throws IOException {
		// the container calls back once more bytes arrive after isReady() said false
		while (!this.body.isDone() && this.in.isReady()) {
			int read = this.in.read(this.chunk);
			if (read == -1) {
				return;
			}
			try {
				append(read);
			}
			catch (BodyTooLargeException ex) {
				this.body.completeExceptionally(ex);
			}
		}
	}

	@Override
	public void onAllDataRead() {
		this.body.complete(this.received.toByteArray());
	}

	@Override
	public void onError(Throwable failure) {
		this.body.completeExceptionally(failure);
	}

	private void append(int length) throws BodyTooLargeException {
		if (this.received.size() + (long) length > this.maxBodySize) {
			throw new BodyTooLargeException();
		}
		this.received.write(this.chunk, 0, length);
	}

	/**
	 * A body larger than the limit, found while it is read.
	 */
	static final class BodyTooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

	}

}

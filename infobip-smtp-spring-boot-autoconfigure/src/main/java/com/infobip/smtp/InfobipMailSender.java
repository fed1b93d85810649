/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.infobip.smtp.internal.prepare.MessagePreparation;
import com.infobip.smtp.internal.send.AsyncSending;
import com.infobip.smtp.internal.send.AsyncSends;
import com.infobip.smtp.internal.send.MessageDelivery;
import com.infobip.smtp.internal.send.SendPipeline;
import com.infobip.smtp.internal.send.SenderLifecycle;
import com.infobip.smtp.internal.transport.SmtpConnections;
import com.infobip.smtp.internal.transport.SmtpConnector;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessagePreparator;

/**
 * {@link JavaMailSender} that sends through the Infobip SMTP relay: every connection is
 * secured with TLS or a required STARTTLS and authenticated, and kept in a bounded pool
 * for the next message; every message gets the configured Infobip headers, is checked
 * before any connection is used, is retried only when that cannot duplicate it, and is
 * observed as {@code infobip.smtp.send}.
 * <p>
 * Beyond {@code JavaMailSender}, {@code sendWithResult} returns what the relay answered
 * (Infobip's message id, accepted and refused recipients), {@code sendAsync} sends on an
 * executor and {@code sendBatch} sends many messages over the pool in parallel;
 * {@code prepare} and {@code sendPrepared} split a send in two, for an outbox.
 * <p>
 * It implements {@link JavaMailSender} rather than extending {@code JavaMailSenderImpl}
 * so that it owns the connections, and so that Spring Boot's generic mail health check
 * and connection test do not also apply to it.
 * <p>
 * As a {@link SmartLifecycle} it stops in phase {@link #SMART_LIFECYCLE_PHASE}, after a
 * web server stopped taking requests: it refuses new sends
 * ({@link SenderShutDownException}), lets the sends in flight and the queued async sends
 * finish, in order, for up to the shutdown timeout, then fails the futures of queued
 * sends that have not started. {@link #close()} then closes the connections.
 *
 * @since 0.1.0
 */
public class InfobipMailSender implements JavaMailSender, SmartLifecycle, AutoCloseable {

	/**
	 * The phase in which the sender stops: after Spring Boot's web server graceful
	 * shutdown ({@code DEFAULT_PHASE - 1024}) and after the web server stops
	 * ({@code DEFAULT_PHASE - 2048}), so that requests still being answered can send.
	 */
	public static final int SMART_LIFECYCLE_PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private final SmtpConnector connector;

	private final MimeMessages messages;

	private final SmtpConnections connections;

	private final SendPipeline pipeline;

	private final SenderLifecycle lifecycle;

	private final AsyncSending asyncSending;

	private final String region;

	InfobipMailSender(InfobipMailSenderBuilder builder) {
		this.connector = new SmtpConnector(builder.settings, builder.pipelining);
		this.messages = new MimeMessages(this.connector.getSession());
		InfobipMailSenderBuilder.PoolSettings pool = builder.pool;
		this.connections = (pool != null) ? SmtpConnections.pooled(this.connector, pool.maxConnections(),
				pool.maxWait(), pool.idleTimeout(), pool.maxMessagesPerConnection())
				: SmtpConnections.singleUse(this.connector);
		MessagePreparation preparation = new MessagePreparation(builder.defaultFrom, builder.maxMessageSize,
				builder.allowedSenderDomains, builder.postProcessors, this.connector.getSession().getStreamProvider());
		this.pipeline = new SendPipeline(this.connector, preparation,
				new MessageDelivery(this.connections, builder.retryPolicy), builder.observationRegistry,
				builder.observationConvention, builder.region);
		AsyncSends asyncSends = (builder.executor != null) ? new AsyncSends(builder.executor, builder.taskDecorator,
				builder.asyncConcurrency, builder.asyncQueueCapacity) : null;
		this.lifecycle = new SenderLifecycle(asyncSends, this.connections, builder.shutdownTimeout);
		this.asyncSending = new AsyncSending(this.pipeline, this.lifecycle, asyncSends, builder.batchParallelism);
		this.region = builder.region;
	}

	/**
	 * Start building a sender that connects as the given settings say.
	 * @param settings where and how to connect to the relay
	 * @return a builder
	 */
	public static InfobipMailSenderBuilder builder(SmtpConnectionSettings settings) {
		return new InfobipMailSenderBuilder(settings);
	}

	/**
	 * Return where and how this sender connects.
	 * @return the connection settings
	 */
	public SmtpConnectionSettings getConnectionSettings() {
		return this.connector.getSettings();
	}

	/**
	 * Return the region whose relay this sender uses, as the {@code region} tag and the
	 * health details name it: for instance "frankfurt", or "custom" for another relay.
	 * @return the region tag value
	 */
	public String getRegion() {
		return this.region;
	}

	/**
	 * Return how many connections are open, idle and waited for.
	 * @return the connection counts
	 */
	public ConnectionUsage getConnectionUsage() {
		return this.connections.usage();
	}

	/**
	 * Connect, secure the connection, authenticate and quit.
	 * @throws MessagingException if any of these steps fails
	 */
	public void testConnection() throws MessagingException {
		this.connector.connect().close();
	}

	@Override
	public MimeMessage createMimeMessage() {
		return this.messages.create();
	}

	@Override
	public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
		return this.messages.create(contentStream);
	}

	@Override
	public void send(SimpleMailMessage... simpleMessages) throws MailException {
		send(Arrays.stream(simpleMessages).map(this.messages::of).toArray(MimeMessage[]::new));
	}

	@Override
	public void send(MimeMessagePreparator... preparators) throws MailException {
		send(Arrays.stream(preparators).map(this.messages::of).toArray(MimeMessage[]::new));
	}

	/**
	 * Send messages; more than one are sent over the pool in parallel. Throws when a
	 * message was not sent to all its recipients: {@link InvalidMessageException},
	 * {@link InfobipSendFailedException}, {@link SendOutcomeUnknownException},
	 * {@link SenderShutDownException} or {@link RecipientsRefusedException} for a single
	 * message, a {@link MailSendException} listing every failed message for several.
	 * @param mimeMessages the messages
	 */
	@Override
	public void send(MimeMessage... mimeMessages) throws MailException {
		if (mimeMessages.length == 1) {
			InfobipSendResult result = sendWithResult(mimeMessages[0]);
			if (result.isPartial()) {
				throw new RecipientsRefusedException(result, Map.of());
			}
			return;
		}
		this.asyncSending.sendAll(Arrays.asList(mimeMessages));
	}

	/**
	 * Send a message and return what the relay answered. Refused recipients are reported
	 * in the result when the message went to at least one recipient.
	 * @param message the message
	 * @return the result
	 * @throws InvalidMessageException if the message was refused before any connection
	 * @throws InfobipSendFailedException if the relay did not take the message
	 * @throws SendOutcomeUnknownException if the relay may have taken it
	 * @throws SenderShutDownException if the sender is shut down
	 * @throws MailAuthenticationException if the relay refused the credentials
	 */
	public InfobipSendResult sendWithResult(MimeMessage message) throws MailException {
		this.lifecycle.begin();
		try {
			return this.pipeline.send(message, null);
		}
		finally {
			this.lifecycle.end();
		}
	}

	/**
	 * Send a simple message and return what the relay answered.
	 * @param message the message
	 * @return the result
	 * @see #sendWithResult(MimeMessage)
	 */
	public InfobipSendResult sendWithResult(SimpleMailMessage message) throws MailException {
		return sendWithResult(this.messages.of(message));
	}

	/**
	 * Prepare a message, send it and return what the relay answered.
	 * @param preparator prepares the message
	 * @return the result
	 * @see #sendWithResult(MimeMessage)
	 */
	public InfobipSendResult sendWithResult(MimeMessagePreparator preparator) throws MailException {
		return sendWithResult(this.messages.of(preparator));
	}

	/**
	 * Ready a message for the relay without sending it: apply the default sender and the
	 * post-processors, save its changes and check it, as a send would, and return its
	 * bytes and envelope, to be sent later with {@link #sendPrepared}.
	 * @param message the message
	 * @return the prepared message
	 * @throws InvalidMessageException if the message must not be sent
	 */
	public InfobipPreparedMessage prepare(MimeMessage message) throws MailException {
		return this.pipeline.prepare(message);
	}

	/**
	 * Prepare a message with the preparator, then ready it for the relay without sending
	 * it.
	 * @param preparator prepares the message
	 * @return the prepared message
	 * @see #prepare(MimeMessage)
	 */
	public InfobipPreparedMessage prepare(MimeMessagePreparator preparator) throws MailException {
		return prepare(this.messages.of(preparator));
	}

	/**
	 * Send a message prepared by {@link #prepare}, exactly as prepared: neither the
	 * default sender nor the post-processors are applied again, and its Message-ID is
	 * kept. It is checked again, as stored bytes are trusted no more than a new message.
	 * @param message the prepared message
	 * @return the result
	 * @see #sendWithResult(MimeMessage)
	 */
	public InfobipSendResult sendPrepared(InfobipPreparedMessage message) throws MailException {
		return sendPrepared(message, null);
	}

	/**
	 * Send a prepared message as {@link #sendPrepared(InfobipPreparedMessage)} does, and
	 * run {@code beforeData} once a connection is held for it and the relay accepted its
	 * envelope, right before its data is written: the moment from which it may reach the
	 * relay, for a store that must record it durably first. It runs on the calling
	 * thread, at most once per attempt that gets that far. If it throws, the connection
	 * is closed before any of the data is written, so the relay discards the transaction:
	 * the message is not sent, not retried, and its exception is thrown from here.
	 * @param message the prepared message
	 * @param beforeData run right before the data is written, or {@code null}
	 * @return the result
	 */
	public InfobipSendResult sendPrepared(InfobipPreparedMessage message, @Nullable Runnable beforeData)
			throws MailException {
		this.lifecycle.begin();
		try {
			return this.pipeline.sendPrepared(message, beforeData);
		}
		finally {
			this.lifecycle.end();
		}
	}

	/**
	 * Send a message on the sender's executor. When as many sends run as the executor is
	 * given, it waits its turn in a bounded queue; beyond that, or once the sender is
	 * shut down, the future fails at once with a {@link MailSendException}.
	 * @param message the message
	 * @return the result, or the exception {@link #sendWithResult(MimeMessage)} would
	 * throw; an error thrown while sending completes it too
	 */
	public CompletableFuture<InfobipSendResult> sendAsync(MimeMessage message) {
		return this.asyncSending.sendAsync(message);
	}

	/**
	 * Send a simple message on the sender's executor.
	 * @param message the message
	 * @return the result
	 * @see #sendAsync(MimeMessage)
	 */
	public CompletableFuture<InfobipSendResult> sendAsync(SimpleMailMessage message) {
		return sendAsync(this.messages.of(message));
	}

	/**
	 * Prepare a message and send it on the sender's executor.
	 * @param preparator prepares the message
	 * @return the result
	 * @see #sendAsync(MimeMessage)
	 */
	public CompletableFuture<InfobipSendResult> sendAsync(MimeMessagePreparator preparator) {
		return sendAsync(this.messages.of(preparator));
	}

	/**
	 * Send many messages over the pool in parallel and report each one's fate; never
	 * throws for a message that was not sent. The calling thread sends messages too;
	 * helpers on the executor join only where a place is free, so a saturated executor
	 * leaves all messages to the caller, and the caller never waits for a helper that has
	 * not started.
	 * @param messages the messages
	 * @return what became of each message
	 * @throws Error an error thrown while sending a message, once every other message is
	 * done
	 */
	public InfobipBatchResult sendBatch(Collection<MimeMessage> messages) {
		return this.asyncSending.sendBatch(messages);
	}

	/**
	 * Accept sends again after {@link #stop()}; a closed sender stays closed.
	 */
	@Override
	public void start() {
		this.lifecycle.start();
	}

	/**
	 * Refuse new sends, wait up to the shutdown timeout for the sends in flight and the
	 * queued async sends, then fail the futures of queued sends that have not started.
	 */
	@Override
	public void stop() {
		this.lifecycle.stop();
	}

	/**
	 * Refuse new sends at once, and drain as {@link #stop()} does in the background.
	 * @param callback run once drained
	 */
	@Override
	public void stop(Runnable callback) {
		this.lifecycle.stop(callback);
	}

	/**
	 * Return whether the sender takes new sends.
	 * @return {@code true} until it is stopped or closed
	 */
	@Override
	public boolean isRunning() {
		return this.lifecycle.isRunning();
	}

	@Override
	public int getPhase() {
		return SMART_LIFECYCLE_PHASE;
	}

	/**
	 * Stop as {@link #stop()} does, unless stopped already, then close the connections:
	 * idle ones with QUIT, those still in use when their send ends. Queued sends that
	 * have not started by then fail.
	 */
	@Override
	public void close() {
		this.lifecycle.close();
	}

}

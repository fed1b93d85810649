/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import com.infobip.smtp.internal.transport.MessageWriter;
import com.infobip.smtp.internal.transport.PooledSmtpConnections;
import com.infobip.smtp.internal.transport.SingleUseConnections;
import com.infobip.smtp.internal.transport.SmtpConnections;
import com.infobip.smtp.internal.transport.SmtpConnector;
import com.infobip.smtp.internal.transport.SmtpEnvelope;
import com.infobip.smtp.internal.transport.SmtpFailure;
import com.infobip.smtp.internal.transport.SmtpReceipt;
import com.infobip.smtp.internal.transport.SmtpReplies;
import com.infobip.smtp.internal.transport.SmtpRetryPolicy;
import com.infobip.smtp.observation.DefaultInfobipSendObservationConvention;
import com.infobip.smtp.observation.InfobipSendContext;
import com.infobip.smtp.observation.InfobipSendObservationConvention;
import com.infobip.smtp.observation.SendOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMailMessage;
import org.springframework.mail.javamail.MimeMessagePreparator;

/**
 * {@link JavaMailSender} that sends through the Infobip SMTP relay: every connection is
 * secured with TLS or a required STARTTLS and authenticated, and kept in a bounded pool
 * for the next message; every message gets the configured Infobip headers, is checked
 * before any connection is used, is retried only when that cannot duplicate it, and is
 * observed as {@code infobip.smtp.send}.
 * <p>
 * Beyond {@code JavaMailSender}, {@code sendWithResult} returns what the relay answered
 * (its queue id, accepted and refused recipients), {@code sendAsync} sends on an executor
 * and {@code sendBatch} sends many messages over the pool in parallel.
 * <p>
 * It implements {@link JavaMailSender} rather than extending {@code JavaMailSenderImpl}
 * so that it owns the connections, and so that Spring Boot's generic mail health check
 * and connection test do not also apply to it.
 * <p>
 * As a {@link SmartLifecycle} it stops in phase {@link #SMART_LIFECYCLE_PHASE}, after a
 * web server stopped taking requests: it refuses new sends, lets the sends in flight and
 * the queued async sends finish, in order, for up to the shutdown timeout, then fails the
 * futures of queued sends that have not started. {@link #close()} then closes the
 * connections.
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

	private static final Log logger = LogFactory.getLog(InfobipMailSender.class);

	private final SmtpConnector connector;

	// only a message factory: its messages share one MIME type map, which
	// MimeMessageHelper would otherwise parse again for every plain MimeMessage
	private final JavaMailSenderImpl messageFactory = new JavaMailSenderImpl();

	private final SmtpConnections connections;

	private final OutgoingMessageChecks checks;

	private final MessageDelivery delivery;

	private final @Nullable AsyncSends asyncSends;

	private final int batchParallelism;

	private final Duration shutdownTimeout;

	private final ObservationRegistry observationRegistry;

	private final @Nullable InfobipSendObservationConvention observationConvention;

	private final String region;

	private final InFlightSends inFlight = new InFlightSends();

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running = true;

	// the shutdown timeout has passed: what has not started will not
	private volatile boolean drained;

	private boolean closed;

	private long stopDeadline;

	private InfobipMailSender(Builder builder) {
		this.connector = new SmtpConnector(builder.settings, builder.pipelining);
		this.messageFactory.setSession(this.connector.getSession());
		PoolSettings pool = builder.pool;
		this.connections = (pool != null) ? new PooledSmtpConnections(this.connector, pool.maxConnections(),
				pool.maxWait(), pool.idleTimeout(), pool.maxMessagesPerConnection())
				: new SingleUseConnections(this.connector);
		this.checks = new OutgoingMessageChecks(builder.defaultFrom, builder.maxMessageSize,
				builder.allowedSenderDomains, builder.postProcessors);
		this.delivery = new MessageDelivery(this.connections, new RetryTemplate(builder.retryPolicy));
		this.asyncSends = (builder.executor != null)
				? new AsyncSends(builder.executor, builder.asyncConcurrency, builder.asyncQueueCapacity) : null;
		this.batchParallelism = builder.batchParallelism;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.region = builder.region;
	}

	/**
	 * Start building a sender that connects as the given settings say.
	 * @param settings where and how to connect to the relay
	 * @return a builder
	 */
	public static Builder builder(SmtpConnectionSettings settings) {
		return new Builder(settings);
	}

	/**
	 * Return where and how this sender connects.
	 * @return the connection settings
	 */
	public SmtpConnectionSettings getConnectionSettings() {
		return this.connector.getSettings();
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
		return this.messageFactory.createMimeMessage();
	}

	@Override
	public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
		return this.messageFactory.createMimeMessage(contentStream);
	}

	@Override
	public void send(SimpleMailMessage... simpleMessages) throws MailException {
		send(Arrays.stream(simpleMessages).map(this::toMimeMessage).toArray(MimeMessage[]::new));
	}

	@Override
	public void send(MimeMessagePreparator... preparators) throws MailException {
		send(Arrays.stream(preparators).map(this::toMimeMessage).toArray(MimeMessage[]::new));
	}

	/**
	 * Send messages; more than one are sent over the pool in parallel. Throws when a
	 * message was not sent to all its recipients: {@link InvalidMessageException},
	 * {@link InfobipSendFailedException}, {@link SendOutcomeUnknownException} or
	 * {@link RecipientsRefusedException} for a single message, a
	 * {@link MailSendException} listing every failed message for several.
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
		InfobipBatchResult batch = sendBatch(Arrays.asList(mimeMessages));
		Map<Object, Exception> failed = new LinkedHashMap<>(batch.failed());
		batch.sent().forEach((message, result) -> {
			if (result.isPartial()) {
				failed.put(message, new RecipientsRefusedException(result, Map.of()));
			}
		});
		if (!failed.isEmpty()) {
			throw new MailSendException(failed.size() + " of " + mimeMessages.length
					+ " messages were not sent to all their recipients through Infobip SMTP relay "
					+ this.connector.describe(), null, failed);
		}
	}

	/**
	 * Send a message and return what the relay answered. Refused recipients are reported
	 * in the result when the message went to at least one recipient.
	 * @param message the message
	 * @return the result
	 * @throws InvalidMessageException if the message was refused before any connection
	 * @throws InfobipSendFailedException if the relay did not take the message
	 * @throws SendOutcomeUnknownException if the relay may have taken it
	 * @throws MailAuthenticationException if the relay refused the credentials
	 */
	public InfobipSendResult sendWithResult(MimeMessage message) throws MailException {
		this.inFlight.begin();
		try {
			return sendObserved(message, null, null);
		}
		finally {
			this.inFlight.end();
		}
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
		SmtpEnvelope envelope = prepareMessage(message);
		ByteArrayOutputStream content = new ByteArrayOutputStream(8192);
		try {
			MessageWriter.writeTo(message, content, OutgoingMessageChecks.unsentHeaders());
		}
		catch (MessagingException | IOException ex) {
			throw new InvalidMessageException("Message could not be written: " + describe(ex), ex);
		}
		// the envelope sender only when it is not the From, as it was checked
		boolean envelopeFrom = message instanceof SMTPMessage smtpMessage && smtpMessage.getEnvelopeFrom() != null
				&& !smtpMessage.getEnvelopeFrom().isEmpty();
		return new InfobipPreparedMessage(envelopeFrom ? envelope.sender() : null, envelope.recipients(),
				content.toByteArray(), messageIdHeader(message), header(message, InfobipHeaders.BULK_ID));
	}

	/**
	 * Prepare a message with the preparator, then ready it for the relay without sending
	 * it.
	 * @param preparator prepares the message
	 * @return the prepared message
	 * @see #prepare(MimeMessage)
	 */
	public InfobipPreparedMessage prepare(MimeMessagePreparator preparator) throws MailException {
		return prepare(toMimeMessage(preparator));
	}

	/**
	 * Send a message prepared by {@link #prepare}, exactly as prepared: neither the
	 * default sender nor the post-processors are applied again, and its Message-ID is
	 * kept. It is checked again, as stored bytes are trusted no more than a new message.
	 * @param message the prepared message
	 * @return the result
	 * @throws InvalidMessageException if the message must not be sent
	 * @throws InfobipSendFailedException if the relay did not take the message
	 * @throws SendOutcomeUnknownException if the relay may have taken it
	 * @throws MailAuthenticationException if the relay refused the credentials
	 * @see #sendWithResult(MimeMessage)
	 */
	public InfobipSendResult sendPrepared(InfobipPreparedMessage message) throws MailException {
		SMTPMessage mimeMessage;
		try {
			mimeMessage = new SMTPMessage(this.connector.getPreparedMessageSession(),
					new ByteArrayInputStream(message.contentBytes()));
			mimeMessage.setEnvelopeFrom(message.envelopeFrom());
		}
		catch (MessagingException ex) {
			throw new InvalidMessageException("Prepared message could not be read: " + describe(ex), ex);
		}
		this.inFlight.begin();
		try {
			return sendObserved(mimeMessage, null, message.recipients());
		}
		finally {
			this.inFlight.end();
		}
	}

	/**
	 * Send a simple message and return what the relay answered.
	 * @param message the message
	 * @return the result
	 * @see #sendWithResult(MimeMessage)
	 */
	public InfobipSendResult sendWithResult(SimpleMailMessage message) throws MailException {
		return sendWithResult(toMimeMessage(message));
	}

	/**
	 * Prepare a message, send it and return what the relay answered.
	 * @param preparator prepares the message
	 * @return the result
	 * @see #sendWithResult(MimeMessage)
	 */
	public InfobipSendResult sendWithResult(MimeMessagePreparator preparator) throws MailException {
		return sendWithResult(toMimeMessage(preparator));
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
		CompletableFuture<InfobipSendResult> future = new CompletableFuture<>();
		try {
			this.inFlight.begin();
		}
		catch (MailException ex) {
			future.completeExceptionally(ex);
			return future;
		}
		AsyncSend send = new AsyncSend(message, future);
		if (this.asyncSends != null) {
			this.asyncSends.submit(send);
		}
		else {
			send.run();
		}
		return future;
	}

	/**
	 * Send a simple message on the sender's executor.
	 * @param message the message
	 * @return the result
	 * @see #sendAsync(MimeMessage)
	 */
	public CompletableFuture<InfobipSendResult> sendAsync(SimpleMailMessage message) {
		return sendAsync(toMimeMessage(message));
	}

	/**
	 * Prepare a message and send it on the sender's executor.
	 * @param preparator prepares the message
	 * @return the result
	 * @see #sendAsync(MimeMessage)
	 */
	public CompletableFuture<InfobipSendResult> sendAsync(MimeMessagePreparator preparator) {
		return sendAsync(toMimeMessage(preparator));
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
		this.inFlight.begin();
		try {
			Batch batch = new Batch(List.copyOf(messages));
			for (int i = 1; i < Math.min(this.batchParallelism, batch.size()) && this.asyncSends != null; i++) {
				if (!this.asyncSends.tryStart(batch)) {
					break;
				}
			}
			batch.run();
			return batch.result();
		}
		finally {
			this.inFlight.end();
		}
	}

	/**
	 * Accept sends again after {@link #stop()}; a closed sender stays closed.
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (!this.closed && !this.running) {
				this.inFlight.open();
				this.drained = false;
				this.running = true;
			}
		}
	}

	/**
	 * Refuse new sends, wait up to the shutdown timeout for the sends in flight and the
	 * queued async sends, then fail the futures of queued sends that have not started.
	 */
	@Override
	public void stop() {
		drain(beginStop());
	}

	/**
	 * Refuse new sends at once, and drain as {@link #stop()} does in the background.
	 * @param callback run once drained
	 */
	@Override
	public void stop(Runnable callback) {
		long deadline = beginStop();
		Thread drainer = new Thread(() -> {
			try {
				drain(deadline);
			}
			finally {
				callback.run();
			}
		}, "infobip-smtp-shutdown");
		drainer.setDaemon(true);
		drainer.start();
	}

	/**
	 * Return whether the sender takes new sends.
	 * @return {@code true} until it is stopped or closed
	 */
	@Override
	public boolean isRunning() {
		return this.running;
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
		long deadline;
		synchronized (this.lifecycleMonitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			// once stopped, the drain had its time (or Spring's shutdown phase ended it)
			deadline = this.running ? beginStop() : System.nanoTime();
		}
		drain(deadline);
		int unfinished = this.inFlight.await(System.nanoTime());
		if (unfinished > 0) {
			logger.warn(unfinished + " send(s) still in flight when InfobipMailSender closed (shutdown timeout "
					+ this.shutdownTimeout + "); their connections close when they end");
		}
		this.connections.close();
	}

	private long beginStop() {
		synchronized (this.lifecycleMonitor) {
			this.inFlight.close();
			if (this.running) {
				this.running = false;
				this.stopDeadline = System.nanoTime() + this.shutdownTimeout.toNanos();
			}
			return this.stopDeadline;
		}
	}

	private void drain(long deadline) {
		this.inFlight.await(deadline);
		this.drained = true;
		List<AsyncSends.Job> notStarted = (this.asyncSends != null) ? this.asyncSends.removeQueued() : List.of();
		for (AsyncSends.Job job : notStarted) {
			job.reject(notStarted());
		}
		if (!notStarted.isEmpty()) {
			logger.warn(notStarted.size() + " queued send(s) had not started when InfobipMailSender shut down"
					+ " (shutdown timeout " + this.shutdownTimeout + "); their futures failed");
		}
	}

	/**
	 * Send a message, observed as a child of the given observation, or of the calling
	 * thread's current one when none is given; a prepared message comes with its
	 * recipients and is only checked.
	 */
	private InfobipSendResult sendObserved(MimeMessage message, @Nullable Observation parent,
			@Nullable List<String> preparedRecipients) {
		SmtpConnectionSettings settings = this.connector.getSettings();
		InfobipSendContext context = new InfobipSendContext(message, this.region, settings.host(), settings.port());
		Observation observation = observation(context);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		observation.start();
		try {
			SmtpEnvelope envelope = (preparedRecipients != null)
					? this.checks.checkPrepared(message, preparedRecipients) : prepareMessage(message);
			context.setRecipientCount(envelope.recipients().size());
			MessageDelivery.Delivered delivered = this.delivery.deliver(message, envelope, context);
			context.setRefusedRecipients(delivered.receipt().refusedRecipients());
			InfobipSendResult result = result(message, delivered.receipt(), delivered.attempts());
			if (logger.isDebugEnabled()) {
				logger.debug("Sent " + describeForLog(message) + ": queue id " + result.messageId() + ", "
						+ result.acceptedRecipients().size() + " of " + envelope.recipients().size()
						+ " recipient(s) accepted, " + result.attempts() + " attempt(s)");
			}
			return result;
		}
		catch (MessageDelivery.Undelivered undelivered) {
			SmtpFailure failure = undelivered.failure();
			MailException ex = toException(message, failure, undelivered.attempts());
			context.setOutcome(SendOutcome.of(failure));
			if (logger.isDebugEnabled()) {
				logger.debug("Did not send " + describeForLog(message) + ": " + context.getOutcome() + " at "
						+ failure.getPhase() + ", " + SmtpReplies.summary(failure.getServerReply()) + ", "
						+ undelivered.attempts() + " attempt(s)");
			}
			observation.error(ex);
			throw ex;
		}
		catch (MailException ex) {
			context.setOutcome(SendOutcome.of(ex));
			if (logger.isDebugEnabled()) {
				logger.debug("Did not send " + describeForLog(message) + ": " + context.getOutcome() + " ("
						+ ex.getClass().getSimpleName() + ")");
			}
			observation.error(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			// a runtime exception from the connections: nothing of the message was sent
			MailException mailException = new MailSendException(
					"Message not sent through Infobip SMTP relay " + this.connector.describe() + ": " + describe(ex),
					ex);
			context.setOutcome(SendOutcome.FAILED);
			observation.error(mailException);
			throw mailException;
		}
		catch (Error error) {
			// the connection is discarded already; an error is not a send failure to wrap
			context.setOutcome(SendOutcome.FAILED);
			observation.error(error);
			throw error;
		}
		finally {
			observation.stop();
		}
	}

	private SmtpEnvelope prepareMessage(MimeMessage message) {
		try {
			return this.checks.prepare(message);
		}
		catch (MailException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// thrown by a post-processor or by the content while it was checked
			throw new InvalidMessageException("Message could not be prepared: " + describe(ex), ex);
		}
	}

	private static MailSendException notStarted() {
		return new MailSendException("Message not sent: InfobipMailSender shut down before it started");
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	// Not Micrometer's InstrumentedTransport (micrometer-jakarta9): it observes only
	// Transport.sendMessage on an open connection, so it would miss messages
	// refused before a connection (outcome invalid), failures to connect, secure
	// or authenticate, retries across connections, and the region.
	private Observation observation(InfobipSendContext context) {
		return Observation.createNotStarted(this.observationConvention,
				DefaultInfobipSendObservationConvention.INSTANCE, () -> context, this.observationRegistry);
	}

	private InfobipSendResult result(MimeMessage message, SmtpReceipt receipt, int attempts) {
		return new InfobipSendResult(SmtpReplies.queueId(receipt.serverReply()), messageIdHeader(message),
				header(message, InfobipHeaders.BULK_ID), receipt.acceptedRecipients(), receipt.refusedRecipients(),
				receipt.serverReply(), attempts);
	}

	private MailException toException(MimeMessage message, SmtpFailure failure, int attempts) {
		Map<Object, Exception> failedMessages = Map.of(message, failure);
		String relay = "Infobip SMTP relay " + this.connector.describe();
		String tries = " (" + attempts + ((attempts == 1) ? " attempt)" : " attempts)");
		if (failure.isOutcomeUnknown()) {
			return new SendOutcomeUnknownException("Connection to " + relay
					+ " was lost after the whole message was sent and before the relay answered: it may have been queued, so it was not sent again"
					+ tries, failure, messageIdHeader(message), attempts, failedMessages);
		}
		if (failure.getPhase() == SmtpPhase.AUTH && failure.getReplyCode() >= 500) {
			return new MailAuthenticationException(relay + " refused the credentials: " + failure.getServerReply(),
					failure);
		}
		List<RefusedRecipient> refused = failure.getRefusedRecipients();
		String recipient = (failure.getPhase() == SmtpPhase.RCPT && !refused.isEmpty()) ? refused.get(0).address()
				: null;
		String what = (failure.getReplyCode() >= 0)
				? " refused the message at " + failure.getPhase() + ((recipient != null) ? " for " + recipient : "")
						+ ": " + failure.getServerReply()
				: ": message not sent, " + failure.getPhase() + " failed: " + failure.getMessage();
		return new InfobipSendFailedException(relay + what + tries, failure, failure.getPhase(), failure.getReplyCode(),
				failure.getServerReply(), recipient, attempts, failedMessages);
	}

	private MimeMessage toMimeMessage(SimpleMailMessage simpleMessage) {
		MimeMailMessage message = new MimeMailMessage(createMimeMessage());
		simpleMessage.copyTo(message);
		return message.getMimeMessage();
	}

	private MimeMessage toMimeMessage(MimeMessagePreparator preparator) {
		MimeMessage message = createMimeMessage();
		try {
			preparator.prepare(message);
			return message;
		}
		catch (MailException ex) {
			throw ex;
		}
		catch (MessagingException ex) {
			throw new MailParseException(ex);
		}
		catch (Exception ex) {
			throw new MailPreparationException(ex);
		}
	}

	// ids only: never an address, a subject or a body
	private static String describeForLog(MimeMessage message) {
		String messageId = messageIdHeader(message);
		String bulkId = header(message, InfobipHeaders.BULK_ID);
		return "message " + ((messageId != null) ? messageId : "without Message-ID")
				+ ((bulkId != null) ? " (bulk id " + bulkId + ")" : "");
	}

	private static @Nullable String messageIdHeader(MimeMessage message) {
		return header(message, "Message-ID");
	}

	private static @Nullable String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, null);
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	/**
	 * One sendAsync call, run on the executor or failed before it started.
	 */
	private final class AsyncSend implements AsyncSends.Job {

		private final MimeMessage message;

		private final CompletableFuture<InfobipSendResult> future;

		// the caller's observation, so that the send on another thread joins its trace
		private final @Nullable Observation parent;

		AsyncSend(MimeMessage message, CompletableFuture<InfobipSendResult> future) {
			this.message = message;
			this.future = future;
			this.parent = InfobipMailSender.this.observationRegistry.getCurrentObservation();
		}

		@Override
		public void run() {
			if (InfobipMailSender.this.drained) {
				// taken from the queue as the shutdown timeout ran out
				reject(notStarted());
				return;
			}
			try {
				this.future.complete(sendObserved(this.message, this.parent, null));
			}
			catch (Throwable ex) {
				this.future.completeExceptionally(ex);
			}
			finally {
				InfobipMailSender.this.inFlight.end();
			}
		}

		@Override
		public void reject(MailException reason) {
			try {
				this.future.completeExceptionally(reason);
			}
			finally {
				InfobipMailSender.this.inFlight.end();
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

		Batch(List<MimeMessage> messages) {
			this.parent = InfobipMailSender.this.observationRegistry.getCurrentObservation();
			this.messages = messages;
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
					this.outcomes[i] = InfobipMailSender.this.drained ? notStarted()
							: sendObserved(this.messages.get(i), this.parent, null);
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

	/**
	 * Builds an {@link InfobipMailSender}.
	 */
	public static final class Builder {

		private final SmtpConnectionSettings settings;

		private @Nullable PoolSettings pool;

		private boolean pipelining = true;

		private @Nullable InternetAddress defaultFrom;

		private long maxMessageSize = 20_971_520;

		private Collection<String> allowedSenderDomains = List.of();

		private List<InfobipMessagePostProcessor> postProcessors = List.of();

		private RetryPolicy retryPolicy = RetryPolicy.withMaxRetries(0);

		private @Nullable Executor executor;

		private int batchParallelism = 1;

		private int asyncConcurrency = Integer.MAX_VALUE;

		private int asyncQueueCapacity;

		private Duration shutdownTimeout = Duration.ofSeconds(10);

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable InfobipSendObservationConvention observationConvention;

		private String region = "custom";

		private Builder(SmtpConnectionSettings settings) {
			this.settings = settings;
		}

		/**
		 * Set whether MAIL FROM, every RCPT TO and DATA leave in one write when the relay
		 * offers PIPELINING; on by default.
		 * @param pipelining whether to pipeline
		 * @return this builder
		 */
		public Builder pipelining(boolean pipelining) {
			this.pipelining = pipelining;
			return this;
		}

		/**
		 * Keep authenticated connections in a bounded pool and reuse them; by default
		 * every message opens and closes its own connection.
		 * @param maxConnections the most connections open at once
		 * @param maxWait how long a send waits for a free connection
		 * @param idleTimeout how long a connection may stay unused before it is closed
		 * @param maxMessagesPerConnection the most messages a connection sends before it
		 * is retired
		 * @return this builder
		 */
		public Builder pool(int maxConnections, Duration maxWait, Duration idleTimeout, int maxMessagesPerConnection) {
			this.pool = new PoolSettings(maxConnections, maxWait, idleTimeout, maxMessagesPerConnection);
			return this;
		}

		/**
		 * Set the From used when a message has none.
		 * @param defaultFrom the default sender, or {@code null} for none
		 * @return this builder
		 */
		public Builder defaultFrom(@Nullable InternetAddress defaultFrom) {
			this.defaultFrom = defaultFrom;
			return this;
		}

		/**
		 * Set the largest message, in bytes, that is sent; larger ones are refused before
		 * any connection is used.
		 * @param maxMessageSize the maximum size in bytes
		 * @return this builder
		 */
		public Builder maxMessageSize(long maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * Set the domains a sender may use; when not empty, other sender domains are
		 * refused before any connection is used.
		 * @param allowedSenderDomains the allowed domains
		 * @return this builder
		 */
		public Builder allowedSenderDomains(Collection<String> allowedSenderDomains) {
			this.allowedSenderDomains = List.copyOf(allowedSenderDomains);
			return this;
		}

		/**
		 * Set the post-processors applied, in this order, to every message.
		 * @param postProcessors the post-processors
		 * @return this builder
		 */
		public Builder postProcessors(List<InfobipMessagePostProcessor> postProcessors) {
			this.postProcessors = List.copyOf(postProcessors);
			return this;
		}

		/**
		 * Retry what cannot duplicate a message (a 4xx reply, a connection lost before
		 * the end of the data) with exponential back-off and jitter; by default nothing
		 * is retried.
		 * @param maxAttempts the most times a message is offered, the first included
		 * @param initialBackoff the wait before the first retry
		 * @param multiplier what each wait is multiplied by for the next
		 * @param maxBackoff the longest wait
		 * @return this builder
		 */
		public Builder retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
			this.retryPolicy = SmtpRetryPolicy.create(maxAttempts, initialBackoff, multiplier, maxBackoff);
			return this;
		}

		/**
		 * Set the executor for sendAsync and for the parallel part of batches; without
		 * one, both run in the calling thread.
		 * @param executor a bounded executor
		 * @return this builder
		 */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Set how many sendAsync sends, and helpers of batches, run on the executor at
		 * once, typically the pool size; more sendAsync sends wait in a queue of
		 * {@link #asyncQueueCapacity(int)}. By default every send is handed to the
		 * executor at once, and the executor decides.
		 * @param asyncConcurrency the most sends running at once
		 * @return this builder
		 */
		public Builder asyncConcurrency(int asyncConcurrency) {
			this.asyncConcurrency = Math.max(1, asyncConcurrency);
			return this;
		}

		/**
		 * Set how many sendAsync sends wait for one of the {@link #asyncConcurrency(int)}
		 * places; the future of a send beyond them fails at once.
		 * @param asyncQueueCapacity the most sends waiting
		 * @return this builder
		 */
		public Builder asyncQueueCapacity(int asyncQueueCapacity) {
			this.asyncQueueCapacity = Math.max(0, asyncQueueCapacity);
			return this;
		}

		/**
		 * Set how many messages of a batch are sent at once, typically the pool size.
		 * @param batchParallelism the parallelism
		 * @return this builder
		 */
		public Builder batchParallelism(int batchParallelism) {
			this.batchParallelism = Math.max(1, batchParallelism);
			return this;
		}

		/**
		 * Set how long stopping or closing waits for the sends in flight and queued.
		 * @param shutdownTimeout the longest wait
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * Set the registry that observes every send.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Set a convention that replaces the default one.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable InfobipSendObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Set the region recorded in the {@code region} tag.
		 * @param region the region tag value
		 * @return this builder
		 */
		public Builder region(String region) {
			this.region = region;
			return this;
		}

		/**
		 * Build the sender.
		 * @return the sender
		 */
		public InfobipMailSender build() {
			return new InfobipMailSender(this);
		}

	}

	private record PoolSettings(int maxConnections, Duration maxWait, Duration idleTimeout,
			int maxMessagesPerConnection) {

	}

}

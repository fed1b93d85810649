/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipPreparedMessage;
import com.infobip.smtp.InfobipSendException;
import com.infobip.smtp.InfobipSendFailedException;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.SendOutcome;
import com.infobip.smtp.internal.prepare.MessagePreparation;
import com.infobip.smtp.internal.transport.DataWithheldException;
import com.infobip.smtp.internal.transport.MessageWriter;
import com.infobip.smtp.internal.transport.SmtpConnector;
import com.infobip.smtp.internal.transport.SmtpEnvelope;
import com.infobip.smtp.internal.transport.SmtpReceipt;
import com.infobip.smtp.internal.transport.SmtpReplies;
import com.infobip.smtp.observation.DefaultInfobipSendObservationConvention;
import com.infobip.smtp.observation.InfobipSendContext;
import com.infobip.smtp.observation.InfobipSendObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * Sends one message, from the caller's message to the relay's answer: prepares and checks
 * it, delivers it with retries, translates a failure into the API's exceptions, and
 * observes the whole as {@code infobip.smtp.send}. The observation context is given the
 * result or the error once, when the send ends.
 */
public final class SendPipeline {

	private static final Log logger = LogFactory.getLog(SendPipeline.class);

	private final SmtpConnector connector;

	private final MessagePreparation preparation;

	private final MessageDelivery delivery;

	private final SendFailures failures;

	private final ObservationRegistry observationRegistry;

	private final @Nullable InfobipSendObservationConvention observationConvention;

	private final String region;

	/**
	 * Create a pipeline.
	 * @param connector the relay's connector: its description and sessions
	 * @param preparation readies and checks messages
	 * @param delivery offers them to the relay
	 * @param observationRegistry observes every send
	 * @param observationConvention replaces the default convention, or {@code null}
	 * @param region the region tag value
	 */
	public SendPipeline(SmtpConnector connector, MessagePreparation preparation, MessageDelivery delivery,
			ObservationRegistry observationRegistry, @Nullable InfobipSendObservationConvention observationConvention,
			String region) {
		this.connector = connector;
		this.preparation = preparation;
		this.delivery = delivery;
		this.failures = new SendFailures(connector.describe());
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.region = region;
	}

	/**
	 * Return the registry that observes every send.
	 * @return the registry
	 */
	public ObservationRegistry getObservationRegistry() {
		return this.observationRegistry;
	}

	/**
	 * Describe the relay for messages, for instance "smtp-api.infobip.com:587
	 * (STARTTLS)".
	 * @return the description
	 */
	public String describeRelay() {
		return this.connector.describe();
	}

	/**
	 * Send a message, observed as a child of the given observation, or of the calling
	 * thread's current one.
	 * @param message the message
	 * @param parent the caller's observation, for a send on another thread
	 * @return the result
	 */
	public InfobipSendResult send(MimeMessage message, @Nullable Observation parent) {
		return observed(message, parent, null, null);
	}

	/**
	 * Ready a message for the relay without sending it, as a send would.
	 * @param message the message
	 * @return the prepared message
	 */
	public InfobipPreparedMessage prepare(MimeMessage message) {
		SmtpEnvelope envelope = prepareMessage(message);
		ByteArrayOutputStream content = new ByteArrayOutputStream(8192);
		try {
			MessageWriter.writeTo(message, content, MessagePreparation.unsentHeaders(),
					this.connector.getSession().getStreamProvider());
		}
		catch (MessagingException | IOException ex) {
			throw new InvalidMessageException("Message could not be written: " + SendFailures.describe(ex), ex);
		}
		// the envelope sender only when it is not the From, as it was checked
		boolean envelopeFrom = message instanceof SMTPMessage smtpMessage && smtpMessage.getEnvelopeFrom() != null
				&& !smtpMessage.getEnvelopeFrom().isEmpty();
		return new InfobipPreparedMessage(envelopeFrom ? envelope.sender() : null, envelope.recipients(),
				content.toByteArray(), SendFailures.header(message, "Message-ID"),
				SendFailures.header(message, InfobipHeaders.BULK_ID));
	}

	/**
	 * Send a prepared message exactly as prepared, checked again.
	 * @param message the prepared message
	 * @param beforeData run once the relay accepted the envelope, right before the data
	 * is written, or {@code null}; what it throws is thrown, the message not sent
	 * @return the result
	 */
	public InfobipSendResult sendPrepared(InfobipPreparedMessage message, @Nullable Runnable beforeData) {
		SMTPMessage mimeMessage;
		try {
			mimeMessage = new PreparedSmtpMessage(this.connector.getPreparedMessageSession(), message.content());
			mimeMessage.setEnvelopeFrom(message.envelopeFrom());
		}
		catch (MessagingException ex) {
			throw new InvalidMessageException("Prepared message could not be read: " + SendFailures.describe(ex), ex);
		}
		return observed(mimeMessage, null, message.recipients(), beforeData);
	}

	/**
	 * Send a message; a prepared one comes with its recipients and is only checked.
	 */
	private InfobipSendResult observed(MimeMessage message, @Nullable Observation parent,
			@Nullable List<String> preparedRecipients, @Nullable Runnable beforeData) {
		InfobipSendContext context = new InfobipSendContext(message, this.region, this.connector.getSettings().host(),
				this.connector.getSettings().port());
		Observation observation = observation(context);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		observation.start();
		try {
			InfobipSendResult result = send(message, preparedRecipients, beforeData);
			context.setResponse(result);
			return result;
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			if (logger.isDebugEnabled()) {
				logger.debug("Did not send " + describeForLog(message) + ": " + SendOutcome.of(ex) + failureForLog(ex));
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private InfobipSendResult send(MimeMessage message, @Nullable List<String> preparedRecipients,
			@Nullable Runnable beforeData) {
		SmtpEnvelope envelope = (preparedRecipients != null)
				? this.preparation.checkPrepared(message, preparedRecipients) : prepareMessage(message);
		try {
			MessageDelivery.Delivered delivered = this.delivery.deliver(message, envelope, beforeData);
			InfobipSendResult result = result(message, delivered);
			if (logger.isDebugEnabled()) {
				logger.debug("Sent " + describeForLog(message) + ": queue id " + result.messageId() + ", "
						+ result.acceptedRecipients().size() + " of " + envelope.recipients().size()
						+ " recipient(s) accepted, " + result.attempts() + " attempt(s)");
			}
			return result;
		}
		catch (MessageDelivery.Undelivered undelivered) {
			throw this.failures.of(message, undelivered.failure(), envelope.recipients().size(), undelivered.attempts(),
					undelivered.retryCauses());
		}
		catch (DataWithheldException ex) {
			// the caller's own callback refused: its exception, as it threw it
			throw ex.getCause();
		}
		catch (MailException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// a runtime exception from the connections: nothing of the message was sent
			throw new MailSendException("Message not sent through Infobip SMTP relay " + this.connector.describe()
					+ ": " + SendFailures.describe(ex), ex);
		}
	}

	private SmtpEnvelope prepareMessage(MimeMessage message) {
		try {
			return this.preparation.prepare(message);
		}
		catch (MailException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// thrown by a post-processor or by the content while it was checked
			throw new InvalidMessageException("Message could not be prepared: " + SendFailures.describe(ex), ex);
		}
	}

	// Not Micrometer's InstrumentedTransport (micrometer-jakarta9): it observes only
	// Transport.sendMessage on an open connection, so it would miss messages
	// refused before a connection (outcome invalid), failures to connect, secure
	// or authenticate, retries across connections, and the region.
	private Observation observation(InfobipSendContext context) {
		return Observation.createNotStarted(this.observationConvention,
				DefaultInfobipSendObservationConvention.INSTANCE, () -> context, this.observationRegistry);
	}

	private static InfobipSendResult result(MimeMessage message, MessageDelivery.Delivered delivered) {
		SmtpReceipt receipt = delivered.receipt();
		return new InfobipSendResult(SmtpReplies.queueId(receipt.reply().text()),
				SendFailures.header(message, "Message-ID"), SendFailures.header(message, InfobipHeaders.BULK_ID),
				receipt.acceptedRecipients(), receipt.refusedRecipients(), receipt.reply(), delivered.attempts(),
				delivered.retryCauses());
	}

	// phases, codes and counts only: never an address or a reply's text
	private static String failureForLog(Throwable ex) {
		if (ex instanceof InfobipSendFailedException failed) {
			return " at " + failed.getPhase() + ", "
					+ ((failed.getReply() != null) ? failed.getReply().summary() : "no reply") + ", "
					+ failed.getAttempts() + " attempt(s)";
		}
		if (ex instanceof InfobipSendException sendException) {
			return ", " + sendException.getAttempts() + " attempt(s)";
		}
		return " (" + ex.getClass().getSimpleName() + ")";
	}

	// ids only: never an address, a subject or a body
	private static String describeForLog(MimeMessage message) {
		String messageId = SendFailures.header(message, "Message-ID");
		String bulkId = SendFailures.header(message, InfobipHeaders.BULK_ID);
		return "message " + ((messageId != null) ? messageId : "without Message-ID")
				+ ((bulkId != null) ? " (bulk id " + bulkId + ")" : "");
	}

}

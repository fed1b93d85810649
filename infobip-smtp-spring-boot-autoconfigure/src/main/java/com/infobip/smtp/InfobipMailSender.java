/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.infobip.smtp.observation.DefaultInfobipSendObservationConvention;
import com.infobip.smtp.observation.InfobipSendContext;
import com.infobip.smtp.observation.InfobipSendObservationConvention;
import com.infobip.smtp.observation.SendOutcome;
import com.infobip.smtp.transport.SmtpConnection;
import com.infobip.smtp.transport.SmtpConnectionSettings;
import com.infobip.smtp.transport.SmtpConnector;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMailMessage;
import org.springframework.mail.javamail.MimeMessagePreparator;

/**
 * {@link JavaMailSender} that sends through the Infobip SMTP relay: every connection is
 * secured with TLS or a required STARTTLS and authenticated, every message gets the
 * configured Infobip headers and is checked before any connection is opened, and every
 * send is observed as {@code infobip.smtp.send}.
 * <p>
 * It implements {@link JavaMailSender} rather than extending {@code JavaMailSenderImpl}
 * so that it owns the connection, and so that Spring Boot's generic mail health check and
 * connection test do not also apply to it.
 *
 * @since 0.1.0
 */
public class InfobipMailSender implements JavaMailSender {

	private final SmtpConnector connector;

	private final OutgoingMessageChecks checks;

	private final ObservationRegistry observationRegistry;

	private final @Nullable InfobipSendObservationConvention observationConvention;

	private final String region;

	private InfobipMailSender(Builder builder) {
		this.connector = builder.connector;
		this.checks = new OutgoingMessageChecks(builder.defaultFrom, builder.maxMessageSize,
				builder.allowedSenderDomains, builder.postProcessors);
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.region = builder.region;
	}

	/**
	 * Start building a sender that connects with the given connector.
	 * @param connector opens authenticated connections to the relay
	 * @return a builder
	 */
	public static Builder builder(SmtpConnector connector) {
		return new Builder(connector);
	}

	/**
	 * Return where and how this sender connects.
	 * @return the connection settings
	 */
	public SmtpConnectionSettings getConnectionSettings() {
		return this.connector.getSettings();
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
		return new MimeMessage(this.connector.getSession());
	}

	@Override
	public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
		try {
			return new MimeMessage(this.connector.getSession(), contentStream);
		}
		catch (MessagingException ex) {
			throw new MailParseException("Could not parse raw MIME content", ex);
		}
	}

	@Override
	public void send(SimpleMailMessage... simpleMessages) throws MailException {
		List<MimeMessage> mimeMessages = new ArrayList<>(simpleMessages.length);
		for (SimpleMailMessage simpleMessage : simpleMessages) {
			MimeMailMessage message = new MimeMailMessage(createMimeMessage());
			simpleMessage.copyTo(message);
			mimeMessages.add(message.getMimeMessage());
		}
		send(mimeMessages.toArray(MimeMessage[]::new));
	}

	@Override
	public void send(MimeMessagePreparator... preparators) throws MailException {
		List<MimeMessage> mimeMessages = new ArrayList<>(preparators.length);
		for (MimeMessagePreparator preparator : preparators) {
			mimeMessages.add(prepare(preparator));
		}
		send(mimeMessages.toArray(MimeMessage[]::new));
	}

	@Override
	public void send(MimeMessage... mimeMessages) throws MailException {
		Map<Object, Exception> failures = new LinkedHashMap<>();
		MessagingException connectFailure = null;
		SmtpConnection connection = null;
		try {
			for (MimeMessage message : mimeMessages) {
				InfobipSendContext context = new InfobipSendContext(message, this.region);
				Observation observation = observation(context).start();
				try {
					Address[] recipients = this.checks.prepare(message);
					context.setRecipientCount(recipients.length);
					if (connectFailure != null) {
						throw connectFailure;
					}
					if (connection == null) {
						try {
							connection = this.connector.connect();
						}
						catch (MessagingException ex) {
							connectFailure = ex;
							throw ex;
						}
					}
					connection.send(message, recipients);
				}
				catch (InvalidMessageException | MessagingException ex) {
					context.setOutcome(SendOutcome.of(ex));
					observation.error(ex);
					failures.put(message, ex);
					if (connection != null && !(ex instanceof InvalidMessageException) && !connection.isOpen()) {
						connection.close();
						connection = null;
					}
				}
				finally {
					observation.stop();
				}
			}
		}
		finally {
			if (connection != null) {
				connection.close();
			}
		}
		throwIfFailed(mimeMessages, failures, connectFailure);
	}

	private Observation observation(InfobipSendContext context) {
		return Observation.createNotStarted(this.observationConvention,
				DefaultInfobipSendObservationConvention.INSTANCE, () -> context, this.observationRegistry);
	}

	private MimeMessage prepare(MimeMessagePreparator preparator) {
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

	private void throwIfFailed(MimeMessage[] messages, Map<Object, Exception> failures,
			@Nullable MessagingException connectFailure) {
		if (failures.isEmpty()) {
			return;
		}
		if (connectFailure instanceof AuthenticationFailedException) {
			throw new MailAuthenticationException("Infobip SMTP relay " + this.connector.describe()
					+ " refused the credentials: " + connectFailure.getMessage(), connectFailure);
		}
		Exception single = (messages.length == 1) ? failures.get(messages[0]) : null;
		if (single instanceof InvalidMessageException invalid) {
			throw invalid;
		}
		String reason = (single != null) ? ": " + single.getMessage() : "";
		throw new MailSendException(failures.size() + " of " + messages.length
				+ " message(s) not sent through Infobip SMTP relay " + this.connector.describe() + reason, single,
				failures);
	}

	/**
	 * Builds an {@link InfobipMailSender}.
	 */
	public static final class Builder {

		private final SmtpConnector connector;

		private @Nullable InternetAddress defaultFrom;

		private long maxMessageSize = 20_971_520;

		private Collection<String> allowedSenderDomains = List.of();

		private List<InfobipMessagePostProcessor> postProcessors = List.of();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable InfobipSendObservationConvention observationConvention;

		private String region = "custom";

		private Builder(SmtpConnector connector) {
			this.connector = connector;
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
		 * any connection is opened.
		 * @param maxMessageSize the maximum size in bytes
		 * @return this builder
		 */
		public Builder maxMessageSize(long maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * Set the domains a sender may use; when not empty, other sender domains are
		 * refused before any connection is opened.
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

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import com.infobip.smtp.InvalidMessageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.infobip.smtp.internal.transport.EnvelopeAddresses;
import com.infobip.smtp.internal.transport.SmtpEnvelope;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Works out the envelope a message goes out with, MAIL FROM and every RCPT TO, in the
 * form each address is written in, and refuses before any connection what would not be
 * written as checked (see {@link EnvelopeAddresses}) or what comes from a sender domain
 * that is not allowed. Errors name the address's position, never its value.
 */
final class EnvelopeChecks {

	private static final String ALLOWED_DOMAINS_PROPERTY = "infobip.smtp.allowed-sender-domains";

	private final Set<String> allowedSenderDomains;

	/**
	 * Create the checks.
	 * @param allowedSenderDomains the domains a sender may use, as configured; empty for
	 * any
	 * @throws IllegalArgumentException if one of them is not a domain name
	 */
	EnvelopeChecks(Collection<String> allowedSenderDomains) {
		Set<String> domains = new TreeSet<>();
		for (String domain : allowedSenderDomains) {
			try {
				// compared as the sender's domain goes on the wire
				domains.add(EnvelopeAddresses.wireDomain(domain.trim()).toLowerCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(ALLOWED_DOMAINS_PROPERTY + " has an entry that " + ex.getMessage());
			}
		}
		this.allowedSenderDomains = Set.copyOf(domains);
	}

	/**
	 * Return the envelope of a message: its envelope sender, and the addresses of To, Cc
	 * and Bcc, groups expanded.
	 * @param message the message, its changes saved
	 * @return the envelope
	 * @throws InvalidMessageException if the message must not be sent
	 * @throws MessagingException if a header cannot be read
	 */
	SmtpEnvelope of(MimeMessage message) throws MessagingException {
		String sender = sender(message);
		List<String> recipients = new ArrayList<>();
		addRecipients(message.getRecipients(RecipientType.TO), "To", recipients);
		addRecipients(message.getRecipients(RecipientType.CC), "Cc", recipients);
		addRecipients(message.getRecipients(RecipientType.BCC), "Bcc", recipients);
		Address[] newsgroups = message.getRecipients(MimeMessage.RecipientType.NEWSGROUPS);
		if (newsgroups != null && newsgroups.length > 0) {
			throw new InvalidMessageException("Message has Newsgroups recipients, which SMTP does not deliver");
		}
		if (recipients.isEmpty()) {
			throw new InvalidMessageException("Message has no recipient in To, Cc or Bcc");
		}
		return new SmtpEnvelope(sender, recipients);
	}

	/**
	 * Return the envelope of a message prepared earlier, whose stored envelope is trusted
	 * no more than a new one.
	 * @param message the message, read from its prepared bytes, with its envelope sender
	 * @param recipients the stored recipients
	 * @return the envelope
	 * @throws InvalidMessageException if the message must not be sent
	 * @throws MessagingException if a header cannot be read
	 */
	SmtpEnvelope ofPrepared(MimeMessage message, List<String> recipients) throws MessagingException {
		String sender = sender(message);
		List<String> wire = new ArrayList<>(recipients.size());
		for (int i = 0; i < recipients.size(); i++) {
			wire.add(toWire(recipients.get(i), "Prepared message's recipient " + (i + 1)));
		}
		return new SmtpEnvelope(sender, wire);
	}

	private String sender(MimeMessage message) throws MessagingException {
		Address[] from = message.getFrom();
		if (from == null || from.length == 0) {
			throw new InvalidMessageException(
					"Message has no From: set one on the message or set infobip.smtp.default-from");
		}
		for (int i = 0; i < from.length; i++) {
			String role = (from.length == 1) ? "From address" : "From address " + (i + 1);
			if (!(from[i] instanceof InternetAddress address) || address.isGroup()) {
				throw new InvalidMessageException(role + " is not an email address");
			}
			checkAllowed(EnvelopeAddresses.domainOf(address.getAddress()), "From");
		}
		boolean envelopeFrom = message instanceof SMTPMessage smtpMessage && smtpMessage.getEnvelopeFrom() != null
				&& !smtpMessage.getEnvelopeFrom().isEmpty();
		String role = envelopeFrom ? "Message's envelope sender (SMTPMessage.setEnvelopeFrom)" : "From address";
		String sender = EnvelopeAddresses.senderOf(message);
		if (sender == null) {
			throw new InvalidMessageException(role + " is not an email address");
		}
		String wire = toWire(sender, role);
		if (envelopeFrom) {
			checkAllowed(EnvelopeAddresses.domainOf(wire), "envelope sender");
		}
		return wire;
	}

	private void checkAllowed(String domain, String sender) {
		if (this.allowedSenderDomains.isEmpty() || this.allowedSenderDomains.contains(domain)) {
			return;
		}
		throw new InvalidMessageException(sender + " domain '" + domain + "' is not in " + ALLOWED_DOMAINS_PROPERTY
				+ " " + this.allowedSenderDomains);
	}

	private static void addRecipients(Address[] addresses, String header, List<String> recipients)
			throws MessagingException {
		if (addresses == null) {
			return;
		}
		int position = 0;
		for (Address address : addresses) {
			if (!(address instanceof InternetAddress internetAddress)) {
				throw new InvalidMessageException(header + " address " + (position + 1) + " is not an email address");
			}
			// a group's members are its recipients, the group itself is none
			InternetAddress[] members = internetAddress.isGroup() ? internetAddress.getGroup(false)
					: new InternetAddress[] { internetAddress };
			for (InternetAddress member : (members != null) ? members : new InternetAddress[0]) {
				position++;
				recipients.add(toWire(member.getAddress(), header + " address " + position));
			}
		}
	}

	private static String toWire(String address, String role) {
		try {
			return EnvelopeAddresses.toWire(address);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMessageException(role + " " + ex.getMessage());
		}
	}

}

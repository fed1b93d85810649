/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.net.IDN;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jspecify.annotations.Nullable;

/**
 * The form in which an address goes into MAIL FROM or RCPT TO. Angus Mail writes SMTP
 * commands one byte per character, keeping the low byte of each, so a character outside
 * US-ASCII would reach the relay as another one: U+4E3E as {@code >}, which would end the
 * path and let the rest of the address add SMTP parameters. An address is therefore
 * accepted only if every character it is written with is printable US-ASCII and nothing
 * in it can end the path: a non-ASCII local part needs SMTPUTF8, which Infobip's relay
 * does not offer, and is refused; a non-ASCII domain is written as its IDNA A-label
 * ({@code xn--…}), as RFC 5321 allows. Error messages never repeat the address.
 *
 * @since 0.1.0
 */
public final class EnvelopeAddresses {

	// RFC 5321 4.5.3.1.3: a path is at most 256 octets, its angle brackets included
	private static final int MAX_LENGTH = 254;

	private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

	private EnvelopeAddresses() {
	}

	/**
	 * Return the envelope sender Angus Mail takes for a message: the one set with
	 * {@code SMTPMessage.setEnvelopeFrom}, or else the first From address.
	 * @param message the message
	 * @return the sender, as given, or {@code null} when there is none
	 * @throws MessagingException if the From header cannot be read
	 */
	public static @Nullable String senderOf(MimeMessage message) throws MessagingException {
		if (message instanceof SMTPMessage smtpMessage && smtpMessage.getEnvelopeFrom() != null
				&& !smtpMessage.getEnvelopeFrom().isEmpty()) {
			return smtpMessage.getEnvelopeFrom();
		}
		Address[] from = message.getFrom();
		if (from == null || from.length == 0) {
			return null;
		}
		return (from[0] instanceof InternetAddress address) ? address.getAddress() : null;
	}

	/**
	 * Return the address as it is written in MAIL FROM or RCPT TO, between the angle
	 * brackets: unchanged, but for a non-ASCII domain written as its A-label.
	 * @param address the address, as {@code InternetAddress.getAddress()} returns it
	 * @return the address to write
	 * @throws IllegalArgumentException if the address cannot be written as it is meant,
	 * with a reason that does not repeat it
	 */
	public static String toWire(String address) {
		int at = address.lastIndexOf('@');
		if (at <= 0 || at == address.length() - 1) {
			throw new IllegalArgumentException("is not of the form local-part@domain");
		}
		String localPart = address.substring(0, at);
		checkLocalPart(localPart);
		String wire = localPart + "@" + wireDomain(address.substring(at + 1));
		if (wire.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("is longer than the " + MAX_LENGTH + " characters SMTP allows");
		}
		return wire;
	}

	/**
	 * Return the domain of an address as it goes on the wire, in lower case, for
	 * comparing it with allowed domains.
	 * @param address the address
	 * @return the domain, or an empty string when the address has none
	 */
	public static String domainOf(String address) {
		int at = address.lastIndexOf('@');
		if (at < 0 || at == address.length() - 1) {
			return "";
		}
		try {
			return wireDomain(address.substring(at + 1)).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	/**
	 * Return a domain as it goes on the wire: an ASCII domain unchanged, a non-ASCII one
	 * as its A-label, an address literal ({@code [192.0.2.1]}) unchanged.
	 * @param domain the domain
	 * @return the domain to write
	 * @throws IllegalArgumentException if the domain is not a valid domain name
	 */
	public static String wireDomain(String domain) {
		if (domain.startsWith("[")) {
			checkAddressLiteral(domain);
			return domain;
		}
		String ascii = domain;
		if (!isAscii(domain)) {
			try {
				ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("has a domain that is not a valid internationalized domain name");
			}
		}
		checkHostName(ascii);
		return ascii;
	}

	private static void checkLocalPart(String localPart) {
		if (!isAscii(localPart)) {
			throw new IllegalArgumentException("has a non-ASCII local part, which needs SMTPUTF8;"
					+ " the relay does not offer it, and Jakarta Mail would send other characters than these");
		}
		if (localPart.startsWith("\"")) {
			checkQuotedString(localPart);
			return;
		}
		for (int i = 0; i < localPart.length(); i++) {
			char c = localPart.charAt(i);
			// dots anywhere: some providers hand out local parts with leading or
			// doubled dots, and a dot cannot end the path
			if (!isLetterOrDigit(c) && c != '.' && ATEXT_SYMBOLS.indexOf(c) < 0) {
				throw new IllegalArgumentException(
						"has a local part with a character allowed only between quotes (" + describe(c) + ")");
			}
		}
	}

	// RFC 5321 Quoted-string, without < and >, which a relay might take for the
	// path's end
	private static void checkQuotedString(String localPart) {
		if (localPart.length() < 2 || !localPart.endsWith("\"")) {
			throw new IllegalArgumentException("has a quoted local part that is not closed");
		}
		for (int i = 1; i < localPart.length() - 1; i++) {
			char c = localPart.charAt(i);
			if (c == '\\') {
				i++;
				if (i == localPart.length() - 1 || !isPrintable(localPart.charAt(i))) {
					throw new IllegalArgumentException("has a quoted local part with an incomplete escape");
				}
				c = localPart.charAt(i);
			}
			else if (c == '"') {
				throw new IllegalArgumentException("has a quoted local part with text after its closing quote");
			}
			if (!isPrintable(c) || c == '<' || c == '>') {
				throw new IllegalArgumentException("has a quoted local part with " + describe(c));
			}
		}
	}

	private static void checkHostName(String domain) {
		String[] labels = domain.split("\\.", -1);
		for (String label : labels) {
			if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
				throw new IllegalArgumentException("has a domain with an empty, over-long or hyphen-bounded label");
			}
			for (int i = 0; i < label.length(); i++) {
				char c = label.charAt(i);
				// underscores are not host name characters, but harmless on the wire
				if (!isLetterOrDigit(c) && c != '-' && c != '_') {
					throw new IllegalArgumentException("has a domain with " + describe(c));
				}
			}
		}
	}

	private static void checkAddressLiteral(String domain) {
		if (domain.length() < 3 || !domain.endsWith("]")) {
			throw new IllegalArgumentException("has an address literal that is not closed");
		}
		for (int i = 1; i < domain.length() - 1; i++) {
			char c = domain.charAt(i);
			if (!isPrintable(c) || c == ' ' || c == '[' || c == ']' || c == '\\' || c == '<' || c == '>') {
				throw new IllegalArgumentException("has an address literal with " + describe(c));
			}
		}
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > '~') {
				return false;
			}
		}
		return true;
	}

	private static boolean isPrintable(char c) {
		return c >= ' ' && c <= '~';
	}

	private static boolean isLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	// names the kind of character, not the address
	private static String describe(char c) {
		if (c == ' ') {
			return "a space";
		}
		if (c < ' ' || c == 0x7F) {
			return "a control character";
		}
		return "'" + c + "'";
	}

}

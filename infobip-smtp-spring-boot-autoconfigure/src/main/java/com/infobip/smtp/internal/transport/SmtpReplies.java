/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SmtpPhase;
import com.infobip.smtp.SmtpReply;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Reads SMTP reply codes and refused recipients out of the exceptions Jakarta Mail
 * throws.
 *
 * @since 0.1.0
 */
public final class SmtpReplies {

	private static final int MAX_DEPTH = 32;

	private static final Pattern QUEUED_AS = Pattern.compile("queued as\\s+<?([^\\s<>]+)>?", Pattern.CASE_INSENSITIVE);

	private static final Pattern CODE_AND_STATUS = Pattern
		.compile("^(\\d{3})(?:[ -]+([245]\\.\\d{1,3}\\.\\d{1,3})\\b)?");

	private SmtpReplies() {
	}

	/**
	 * Return the SMTP reply code that caused the failure, searching nested exceptions.
	 * @param failure the failure
	 * @return the reply code, or -1 if the failure carries none (a broken connection, a
	 * TLS error)
	 */
	public static int replyCode(Throwable failure) {
		if (failure instanceof SmtpFailure smtpFailure) {
			return smtpFailure.getReplyCode();
		}
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			int code = ownReplyCode(current);
			if (code > 0) {
				return code;
			}
			current = next(current);
		}
		return -1;
	}

	/**
	 * Return the recipients refused at RCPT TO, as listed in the nested exceptions.
	 * @param failure the failure
	 * @return the refused recipients, possibly empty
	 */
	static List<RefusedRecipient> refusedRecipients(Throwable failure) {
		List<RefusedRecipient> refused = new ArrayList<>();
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof SMTPAddressFailedException address) {
				refused.add(new RefusedRecipient(address.getAddress().getAddress(),
						reply(SmtpPhase.RCPT, address.getReturnCode(), String.valueOf(address.getMessage()))));
			}
			current = next(current);
		}
		return refused;
	}

	private static @Nullable Throwable next(Throwable current) {
		if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return current.getCause();
	}

	private static int ownReplyCode(Throwable failure) {
		if (failure instanceof SMTPSendFailedException ex) {
			return ex.getReturnCode();
		}
		if (failure instanceof SMTPAddressFailedException ex) {
			return ex.getReturnCode();
		}
		if (failure instanceof SMTPSenderFailedException ex) {
			return ex.getReturnCode();
		}
		if (failure instanceof AuthenticationFailedException) {
			return leadingCode(failure.getMessage());
		}
		return -1;
	}

	private static int leadingCode(@Nullable String text) {
		if (text == null || text.length() < 3) {
			return -1;
		}
		for (int i = 0; i < 3; i++) {
			if (!Character.isDigit(text.charAt(i))) {
				return -1;
			}
		}
		return Integer.parseInt(text.substring(0, 3));
	}

	/**
	 * Return a reply of the relay as the API models it.
	 * @param phase the step of the exchange it answered
	 * @param code its code, or -1 if there was none
	 * @param text its text, code included
	 * @return the reply, or {@code null} if there was none
	 */
	public static @Nullable SmtpReply reply(SmtpPhase phase, int code, @Nullable String text) {
		if (code < 0 || text == null) {
			return null;
		}
		String trimmed = text.trim();
		Matcher matcher = CODE_AND_STATUS.matcher(trimmed);
		return new SmtpReply(phase, code, matcher.find() ? matcher.group(2) : null, trimmed);
	}

	/**
	 * Return the id a relay's reply to the end of the data says the message was queued
	 * as.
	 * @param serverReply the reply, for instance "250 2.6.0 Message queued as
	 * &lt;abc&gt;"
	 * @return the id, or {@code null} if the reply names none
	 */
	public static @Nullable String queueId(@Nullable String serverReply) {
		if (serverReply == null) {
			return null;
		}
		Matcher matcher = QUEUED_AS.matcher(serverReply);
		return matcher.find() ? matcher.group(1) : null;
	}

}

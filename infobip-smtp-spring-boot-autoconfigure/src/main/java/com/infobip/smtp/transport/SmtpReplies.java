/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.transport;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Reads the SMTP reply code out of the exceptions Jakarta Mail throws.
 *
 * @since 0.1.0
 */
public final class SmtpReplies {

	private SmtpReplies() {
	}

	/**
	 * Return the SMTP reply code that caused the failure, searching nested exceptions.
	 * @param failure the failure
	 * @return the reply code, or -1 if the failure carries none (a broken connection, a
	 * TLS error)
	 */
	public static int replyCode(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 10; depth++) {
			int code = ownReplyCode(current);
			if (code > 0) {
				return code;
			}
			current = (current instanceof MessagingException messaging && messaging.getNextException() != null)
					? messaging.getNextException() : current.getCause();
		}
		return -1;
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

	private static int leadingCode(String text) {
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

}

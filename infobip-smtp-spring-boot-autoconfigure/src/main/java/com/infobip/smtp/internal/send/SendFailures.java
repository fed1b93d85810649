/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.util.List;
import java.util.Map;

import com.infobip.smtp.InfobipSendFailedException;
import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SendOutcomeUnknownException;
import com.infobip.smtp.SenderShutDownException;
import com.infobip.smtp.SmtpPhase;
import com.infobip.smtp.SmtpReply;
import com.infobip.smtp.internal.transport.SmtpFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;

/**
 * Turns what the transport reports into the exceptions of the API: one per way a send can
 * end, each naming the relay, the phase, the reply and the number of attempts.
 */
final class SendFailures {

	private final String relay;

	/**
	 * Create the translation for a relay.
	 * @param relay the relay, as its connector describes it
	 */
	SendFailures(String relay) {
		this.relay = "Infobip SMTP relay " + relay;
	}

	/**
	 * Return the exception for a message the relay did not take, or may have.
	 */
	MailException of(MimeMessage message, SmtpFailure failure, int recipientCount, int attempts,
			List<String> retryCauses) {
		Map<Object, Exception> failedMessages = Map.of(message, failure);
		String tries = " (" + attempts + ((attempts == 1) ? " attempt)" : " attempts)");
		if (failure.isOutcomeUnknown()) {
			return new SendOutcomeUnknownException("Connection to " + this.relay
					+ " was lost after the whole message was sent and before the relay answered: it may have been queued, so it was not sent again"
					+ tries, failure, header(message, "Message-ID"), recipientCount, attempts, retryCauses,
					failedMessages);
		}
		SmtpReply reply = failure.getReply();
		if (failure.getPhase() == SmtpPhase.AUTH && reply != null && reply.isPermanent()) {
			return new MailAuthenticationException(this.relay + " refused the credentials: " + reply.text(), failure);
		}
		List<RefusedRecipient> refused = failure.getRefusedRecipients();
		String recipient = (failure.getPhase() == SmtpPhase.RCPT && !refused.isEmpty()) ? refused.get(0).address()
				: null;
		String what = (reply != null)
				? " refused the message at " + failure.getPhase() + ((recipient != null) ? " for " + recipient : "")
						+ ": " + reply.text()
				: ": message not sent, " + failure.getPhase() + " failed: " + failure.getMessage();
		return new InfobipSendFailedException(this.relay + what + tries, failure, failure.getPhase(), reply, recipient,
				recipientCount, attempts, retryCauses, failedMessages);
	}

	/**
	 * Return the exception for a message the sender did not start to send as it shut
	 * down.
	 */
	static SenderShutDownException notStarted() {
		return new SenderShutDownException("Message not sent: InfobipMailSender shut down before it started");
	}

	static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	static @Nullable String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, null);
		}
		catch (MessagingException ex) {
			return null;
		}
	}

}

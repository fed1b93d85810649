/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.util.List;

import javax.net.ssl.SSLException;

import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SmtpPhase;
import com.infobip.smtp.SmtpReply;
import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;

/**
 * A failed SMTP exchange, with what is needed to decide whether it may be retried: the
 * phase it reached, the relay's reply code and text, and the recipients refused.
 *
 * @since 0.1.0
 */
public class SmtpFailure extends MessagingException {

	private static final long serialVersionUID = 1L;

	private final SmtpPhase phase;

	private final @Nullable SmtpReply reply;

	// "[EOF]" when the relay closed the connection without a reply
	private final boolean closedByRelay;

	private final List<RefusedRecipient> refusedRecipients;

	/**
	 * Create a failure.
	 * @param phase the phase the exchange reached
	 * @param replyCode the relay's reply code, or -1 if there was none
	 * @param serverReply the relay's reply text, if any
	 * @param refusedRecipients recipients the relay refused
	 * @param cause what Jakarta Mail threw
	 */
	public SmtpFailure(SmtpPhase phase, int replyCode, @Nullable String serverReply,
			List<RefusedRecipient> refusedRecipients, @Nullable Exception cause) {
		super(describe(phase, replyCode, serverReply, cause), cause);
		this.phase = phase;
		this.reply = SmtpReplies.reply(phase, replyCode, serverReply);
		this.closedByRelay = replyCode < 0 && "[EOF]".equals(serverReply);
		this.refusedRecipients = List.copyOf(refusedRecipients);
	}

	/**
	 * Return the phase the exchange reached.
	 * @return the phase
	 */
	public SmtpPhase getPhase() {
		return this.phase;
	}

	/**
	 * Return the relay's reply.
	 * @return the reply, or {@code null} if the relay did not answer
	 */
	public @Nullable SmtpReply getReply() {
		return this.reply;
	}

	/**
	 * Return the relay's reply code.
	 * @return the code, or -1 if the relay did not answer
	 */
	public int getReplyCode() {
		return (this.reply != null) ? this.reply.code() : -1;
	}

	/**
	 * Return the recipients the relay refused.
	 * @return the refused recipients
	 */
	public List<RefusedRecipient> getRefusedRecipients() {
		return this.refusedRecipients;
	}

	/**
	 * Return whether the relay may have accepted the message: the connection failed after
	 * the end-of-data dot was sent and before the relay answered.
	 * @return whether the outcome is unknown
	 */
	public boolean isOutcomeUnknown() {
		return this.phase == SmtpPhase.END_OF_DATA && this.reply == null;
	}

	/**
	 * Return whether sending again may succeed and cannot duplicate: a 4xx reply, or a
	 * connection lost before the end of the data.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		if (isOutcomeUnknown()) {
			return false;
		}
		return (this.reply != null && this.reply.isTransient()) || isConnectionLoss();
	}

	/**
	 * Return whether the relay refused a new connection at its greeting with a 4xx reply
	 * (421), as a relay that caps open connections does.
	 * @return whether the greeting was a temporary refusal
	 */
	public boolean isRefusedGreeting() {
		return this.phase == SmtpPhase.CONNECT && this.reply != null && this.reply.isTransient();
	}

	/**
	 * Return whether the connection broke (reset, closed, timed out) rather than the
	 * relay answering or TLS failing.
	 * @return whether the connection was lost
	 */
	public boolean isConnectionLoss() {
		if (this.reply != null) {
			return false;
		}
		if (this.closedByRelay) {
			return true;
		}
		for (Throwable current = getCause(); current != null; current = next(current)) {
			// a runtime exception, such as one thrown by a message's content, is no loss
			// of the connection whatever it wraps; nor is a header line refused unsent
			if (current instanceof SSLException || current instanceof RuntimeException
					|| current instanceof HeaderSafeLineOutputStream.UnsafeHeaderLineException) {
				return false;
			}
			if (current instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Throwable next(Throwable current) {
		if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return current.getCause();
	}

	private static String describe(SmtpPhase phase, int replyCode, @Nullable String serverReply,
			@Nullable Exception cause) {
		String reply = (replyCode >= 0 && serverReply != null) ? serverReply.trim()
				: (cause != null) ? String.valueOf(cause.getMessage()).trim() : "no reply";
		return "SMTP " + phase + " failed: " + reply;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.Arrays;
import java.util.List;

import com.infobip.smtp.SmtpPhase;
import com.infobip.smtp.SmtpReply;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * One open, authenticated connection to the relay. Not thread-safe: one message at a
 * time.
 *
 * @since 0.1.0
 */
public class SmtpConnection implements AutoCloseable {

	private final InfobipSmtpTransport transport;

	private int messagesSent;

	private int retirementLimit = Integer.MAX_VALUE;

	SmtpConnection(InfobipSmtpTransport transport) {
		this.transport = transport;
	}

	/**
	 * Send a message to exactly the given envelope. Recipients the relay refuses are
	 * reported in the receipt as long as at least one was accepted.
	 * @param message the message, its changes saved
	 * @param envelope the envelope: MAIL FROM and every RCPT TO
	 * @param beforeData run once the relay accepted the envelope, right before the data
	 * is written, or {@code null}
	 * @return what the relay answered
	 * @throws SmtpFailure if the relay took the message for no recipient, the connection
	 * failed, or writing the message threw
	 * @throws DataWithheldException if {@code beforeData} threw: the connection is closed
	 * and the message not sent
	 */
	public SmtpReceipt send(MimeMessage message, SmtpEnvelope envelope, @Nullable Runnable beforeData)
			throws SmtpFailure {
		try {
			this.transport.sendMessage(message, envelope, beforeData);
			this.messagesSent++;
			return new SmtpReceipt(endOfDataReply(), envelope.recipients(), List.of());
		}
		catch (SendFailedException ex) {
			if (deliveredToSome(ex)) {
				this.messagesSent++;
				return new SmtpReceipt(endOfDataReply(), addresses(ex.getValidSentAddresses()),
						SmtpReplies.refusedRecipients(ex));
			}
			throw failure(ex);
		}
		catch (MessagingException ex) {
			throw failure(ex);
		}
		catch (DataWithheldException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// thrown by the message's content or inside Jakarta Mail, at a phase the
			// transport knows: no reply, and not a connection loss
			throw new SmtpFailure(this.transport.getPhase(), -1, null, List.of(), ex);
		}
	}

	/**
	 * Return how many messages this connection has sent.
	 * @return the number of messages
	 */
	public int getMessagesSent() {
		return this.messagesSent;
	}

	/**
	 * Return after how many messages a pool retires this connection.
	 * @return the number of messages
	 */
	int getRetirementLimit() {
		return this.retirementLimit;
	}

	void setRetirementLimit(int retirementLimit) {
		this.retirementLimit = retirementLimit;
	}

	/**
	 * Return whether the connection is still usable. This asks the server (NOOP).
	 * @return whether the connection is open
	 */
	public boolean isOpen() {
		return this.transport.isConnected();
	}

	/**
	 * Close the connection with QUIT, without waiting for the answer.
	 */
	@Override
	public void close() {
		try {
			this.transport.close();
		}
		catch (MessagingException ex) {
			// the connection is gone either way
		}
	}

	/**
	 * Close the connection without QUIT, for one whose state is unknown after a failure.
	 */
	void abort() {
		this.transport.abort();
	}

	private boolean deliveredToSome(SendFailedException ex) {
		// with mail.smtp.sendpartial Angus reports refused recipients after the relay
		// accepted the data for the others
		int code = this.transport.getLastReturnCode();
		Address[] sent = ex.getValidSentAddresses();
		return this.transport.getPhase() == SmtpPhase.END_OF_DATA && code >= 200 && code < 300 && sent != null
				&& sent.length > 0;
	}

	private SmtpFailure failure(MessagingException ex) {
		int code = SmtpReplies.replyCode(ex);
		String reply = (code >= 0) ? trim(this.transport.getLastServerResponse()) : null;
		if (code < 0 && "[EOF]".equals(this.transport.getLastServerResponse())) {
			reply = "[EOF]";
		}
		return new SmtpFailure(this.transport.getPhase(), code, reply, SmtpReplies.refusedRecipients(ex), ex);
	}

	private SmtpReply endOfDataReply() {
		SmtpReply reply = SmtpReplies.reply(SmtpPhase.END_OF_DATA, this.transport.getLastReturnCode(),
				this.transport.getLastServerResponse());
		return (reply != null) ? reply : new SmtpReply(SmtpPhase.END_OF_DATA, 250, null, "250");
	}

	private static String trim(String reply) {
		return (reply != null) ? reply.trim() : null;
	}

	private static List<String> addresses(Address[] addresses) {
		// as written in RCPT TO, as the refused ones are reported
		return (addresses != null) ? Arrays.stream(addresses)
			.map((address) -> (address instanceof InternetAddress internet) ? internet.getAddress()
					: address.toString())
			.toList() : List.of();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import java.io.IOException;
import java.io.OutputStream;

import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.internal.transport.MessageWriter;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

/**
 * Refuses a message larger than the relay takes. A message whose size is bounded within
 * the limit ({@link PartTreeChecks}) is not written out once more only to be measured.
 */
final class MessageSizeBound {

	private final long maxMessageSize;

	private final StreamProvider streamProvider;

	MessageSizeBound(long maxMessageSize, StreamProvider streamProvider) {
		this.maxMessageSize = maxMessageSize;
		this.streamProvider = streamProvider;
	}

	/**
	 * Refuse the message if it is larger than the maximum size.
	 * @param message the message, its changes saved
	 * @param bound an upper bound of its size, or -1 when not known
	 * @throws InvalidMessageException if it is larger
	 */
	void check(MimeMessage message, long bound) throws IOException, MessagingException {
		if (bound >= 0 && bound <= this.maxMessageSize) {
			return;
		}
		SizeCountingStream counter = new SizeCountingStream();
		MessageWriter.writeTo(message, counter, MessagePreparation.unsentHeaders(), this.streamProvider);
		if (counter.size > this.maxMessageSize) {
			throw new InvalidMessageException("Message is " + counter.size
					+ " bytes, larger than infobip.smtp.max-message-size (" + this.maxMessageSize + " bytes)");
		}
	}

	private static final class SizeCountingStream extends OutputStream {

		private long size;

		@Override
		public void write(int b) {
			this.size++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.size += length;
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.net.URI;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;

/**
 * Typed access to the Infobip headers of one message. Every value is checked when it is
 * set, so a bad value fails here, naming the header, rather than on the wire:
 *
 * <pre class="code">
 * mailSender.send((message) -&gt; {
 *     MimeMessageHelper helper = new MimeMessageHelper(message);
 *     helper.setTo("user@example.com");
 *     helper.setSubject("Welcome");
 *     helper.setText("Hello");
 *     InfobipMessageHeaders.of(message).bulkId("welcome-2026-11").callbackData("user-42");
 * });
 * </pre>
 *
 * Values set here win over the configured defaults.
 *
 * @since 0.1.0
 */
public final class InfobipMessageHeaders {

	private final MimeMessage message;

	private InfobipMessageHeaders(MimeMessage message) {
		this.message = message;
	}

	/**
	 * Return typed access to the Infobip headers of the given message.
	 * @param message the message
	 * @return the headers of that message
	 */
	public static InfobipMessageHeaders of(MimeMessage message) {
		return new InfobipMessageHeaders(message);
	}

	/**
	 * Set the bulk id that identifies this sending and comes back in delivery reports.
	 * @param bulkId the bulk id
	 * @return this instance
	 */
	public InfobipMessageHeaders bulkId(String bulkId) {
		return set(InfobipHeaders.BULK_ID, bulkId);
	}

	/**
	 * Set the URL to which Infobip posts open and click notifications.
	 * @param trackingUrl an absolute http or https URL
	 * @return this instance
	 */
	public InfobipMessageHeaders trackingUrl(URI trackingUrl) {
		return set(InfobipHeaders.TRACKING_URL, trackingUrl.toString());
	}

	/**
	 * Set the URL to which Infobip posts delivery reports.
	 * @param notifyUrl an absolute http or https URL
	 * @return this instance
	 */
	public InfobipMessageHeaders notifyUrl(URI notifyUrl) {
		return set(InfobipHeaders.NOTIFY_URL, notifyUrl.toString());
	}

	/**
	 * Set the content type of the delivery reports.
	 * @param contentType the content type
	 * @return this instance
	 */
	public InfobipMessageHeaders notifyContentType(NotifyContentType contentType) {
		return set(InfobipHeaders.NOTIFY_CONTENT_TYPE, contentType.value());
	}

	/**
	 * Set whether Infobip posts real-time intermediate delivery reports.
	 * @param intermediateReport whether to receive intermediate reports
	 * @return this instance
	 */
	public InfobipMessageHeaders intermediateReport(boolean intermediateReport) {
		return set(InfobipHeaders.INTERMEDIATE_REPORT, String.valueOf(intermediateReport));
	}

	/**
	 * Set data that Infobip passes back with the delivery reports.
	 * @param callbackData single-line client data
	 * @return this instance
	 */
	public InfobipMessageHeaders callbackData(String callbackData) {
		return set(InfobipHeaders.CALLBACK_DATA, callbackData);
	}

	private InfobipMessageHeaders set(String name, String value) {
		InfobipHeaders.checkValue(name, value);
		try {
			this.message.setHeader(name, value);
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Could not set header " + name, ex);
		}
		return this;
	}

}

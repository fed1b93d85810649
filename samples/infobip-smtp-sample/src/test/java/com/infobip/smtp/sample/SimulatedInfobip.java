/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.ReceivedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Plays Infobip's part once the application is ready: logs each message the test relay
 * took, headers included, then posts a DELIVERED report and an OPENED event for it to the
 * application's webhook through the relay's simulator. Infobip reports some time after it
 * queued a message; here a short pause lets the sender return and the application record
 * the message before its report arrives.
 */
class SimulatedInfobip implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(SimulatedInfobip.class);

	private static final Duration REPORT_DELAY = Duration.ofMillis(300);

	private final InfobipSmtpTestRelay relay;

	private final Thread reporter = new Thread(this::reportOnEachMessage, "simulated-infobip");

	SimulatedInfobip(InfobipSmtpTestRelay relay) {
		this.relay = relay;
		this.reporter.setDaemon(true);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.reporter.isAlive()) {
			this.reporter.start();
		}
	}

	@Override
	public void destroy() {
		this.reporter.interrupt();
	}

	private void reportOnEachMessage() {
		int reported = 0;
		while (!Thread.currentThread().isInterrupted()) {
			List<ReceivedMessage> received;
			try {
				received = this.relay.awaitMessages(reported + 1, Duration.ofMinutes(1));
				Thread.sleep(REPORT_DELAY.toMillis());
			}
			catch (AssertionError ex) {
				// no message this minute: wait on
				continue;
			}
			catch (InterruptedException ex) {
				return;
			}
			for (ReceivedMessage message : received.subList(reported, received.size())) {
				report(message);
			}
			reported = received.size();
		}
	}

	private void report(ReceivedMessage message) {
		try {
			logger.info("Offline relay received: " + describe(message));
			logger.info("Simulated Infobip POST /delivery-reports: HTTP " + this.relay.reports().delivered(message));
			logger.info("Simulated Infobip POST /tracking: HTTP " + this.relay.reports().opened(message));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not report on " + message + ": " + ex.getMessage());
		}
	}

	private static String describe(ReceivedMessage message) {
		try {
			MimeMessage mime = message.mimeMessage();
			String infobipHeaders = Collections.list(mime.getAllHeaders())
				.stream()
				.filter((header) -> InfobipHeaders.isInfobipHeader(header.getName()))
				.filter((header) -> !header.getName().equalsIgnoreCase(InfobipHeaders.NOTIFY_URL)
						&& !header.getName().equalsIgnoreCase(InfobipHeaders.TRACKING_URL))
				.map((header) -> header.getName() + ": " + header.getValue())
				.collect(Collectors.joining(", "));
			return "queued as " + message.messageId() + ", From " + Arrays.toString(mime.getFrom()) + ", To "
					+ message.envelopeRecipients() + ", Subject '" + mime.getSubject() + "', " + infobipHeaders;
		}
		catch (MessagingException ex) {
			return message.toString();
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.util.Arrays;
import java.util.Collections;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipSendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Sends one message on start-up and, offline (when {@link OfflineRelay} started a relay),
 * logs what the relay received and lets the simulator report on it.
 */
@Component
class StartupMessage implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(StartupMessage.class);

	private final Mailer mailer;

	private final ObjectProvider<GreenMail> offlineRelay;

	private final ObjectProvider<InfobipReportSimulator> simulator;

	private final String to;

	StartupMessage(Mailer mailer, ObjectProvider<GreenMail> offlineRelay,
			ObjectProvider<InfobipReportSimulator> simulator, @Value("${sample.to}") String to) {
		this.mailer = mailer;
		this.offlineRelay = offlineRelay;
		this.simulator = simulator;
		this.to = to;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		InfobipSendResult result = this.mailer.send(new InternetAddress(this.to, true),
				"Welcome to the Infobip SMTP sample", "Hello! This message went through InfobipMailSender.",
				"startup-message");
		GreenMail relay = this.offlineRelay.getIfAvailable();
		if (relay == null) {
			// a real relay: its reports are real. This is decided here, at run time, as
			// OfflineRelay decides, not by the simulator's @Profile, which an application
			// processed ahead of time evaluated at build time
			return;
		}
		for (MimeMessage received : relay.getReceivedMessages()) {
			logger.info("Offline relay received: " + describe(received));
		}
		InfobipReportSimulator simulator = this.simulator.getIfAvailable();
		if (simulator != null) {
			simulator.reportOn(result);
		}
	}

	private static String describe(MimeMessage message) throws MessagingException {
		String infobipHeaders = Collections.list(message.getAllHeaders())
			.stream()
			.filter((header) -> InfobipHeaders.isInfobipHeader(header.getName()))
			.map((header) -> header.getName() + ": " + header.getValue())
			.collect(Collectors.joining(", "));
		return "From " + Arrays.toString(message.getFrom()) + ", To " + Arrays.toString(message.getAllRecipients())
				+ ", Subject '" + message.getSubject() + "', " + infobipHeaders;
	}

}

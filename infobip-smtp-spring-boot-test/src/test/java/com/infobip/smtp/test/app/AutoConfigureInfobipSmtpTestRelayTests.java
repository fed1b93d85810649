/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.app;

import java.time.Duration;

import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipSendResult;
import com.infobip.smtp.SendOutcomeUnknownException;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.ReceivedMessage;
import com.infobip.smtp.test.RelayFault;
import com.infobip.smtp.webhook.DeliveryStatusGroup;
import com.infobip.smtp.webhook.TrackingNotificationType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application of {@link RelayTestApplication}, whose application.yml reads the API
 * key from an unset environment variable, tested against the relay with no other
 * configuration.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureInfobipSmtpTestRelay
class AutoConfigureInfobipSmtpTestRelayTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Autowired
	private InfobipMailSender sender;

	@Autowired
	private InfobipSmtpTestRelay relay;

	@Autowired
	private RelayTestApplication.Events events;

	@Autowired
	private Environment environment;

	@LocalServerPort
	private int port;

	@BeforeEach
	void clearEvents() {
		this.events.clear();
	}

	@Test
	void contextStartsWithTheRelaysCredentialsInsteadOfTheUnsetEnvironmentVariable() {
		assertThat(this.environment.getProperty("infobip.smtp.api-key")).isEqualTo(this.relay.getApiKey());
		assertThat(this.sender.getConnectionSettings().port()).isEqualTo(this.relay.getPort());
		assertThat(this.sender.getConnectionSettings().host()).isEqualTo("localhost");
	}

	@Test
	void sentMessageArrivesWithItsInfobipHeadersAndTheMessageIdOfTheSendResult() throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message);
		helper.setTo("user@example.com");
		helper.setSubject("Your order");
		helper.setText("Shipped");
		message.setHeader(InfobipHeaders.BULK_ID, "orders-1");
		message.setHeader(InfobipHeaders.CALLBACK_DATA, "order-42");
		message.setHeader(InfobipHeaders.INTERMEDIATE_REPORT, "true");
		InfobipSendResult result = this.sender.sendWithResult(message);
		ReceivedMessage received = this.relay.awaitMessages(1, TIMEOUT).get(0);
		assertThat(received.messageId()).isEqualTo(result.messageId()).isNotBlank();
		assertThat(received.envelopeSender()).isEqualTo("shop@example.com");
		assertThat(received.envelopeRecipients()).containsExactly("user@example.com");
		assertThat(received.mimeMessage().getSubject()).isEqualTo("Your order");
		assertThat(received.bulkId()).isEqualTo("orders-1");
		assertThat(received.callbackData()).isEqualTo("order-42");
		assertThat(received.intermediateReport()).isTrue();
		assertThat(received.notifyUrl())
			.isEqualTo("http://localhost:" + this.port + "/infobip/smtp/delivery-reports?token=test-webhook-token");
		assertThat(received.trackingUrl())
			.isEqualTo("http://localhost:" + this.port + "/infobip/smtp/tracking?token=test-webhook-token");
		assertThat(received.authenticatedUser()).isEqualTo(InfobipSmtpTestRelay.API_KEY_USERNAME);
		assertThat(received.tls()).isTrue();
	}

	@Test
	void temporaryRecipientFailureIsRetriedIntoOneDeliveredCopy() {
		this.relay.failNext(RelayFault.RCPT_451);
		InfobipSendResult result = this.sender.sendWithResult(mail("user@example.com"));
		assertThat(this.relay.getReceivedMessages()).singleElement()
			.satisfies((received) -> assertThat(received.messageId()).isEqualTo(result.messageId()));
	}

	@Test
	void connectionLostAfterTheDataSurfacesAsSendOutcomeUnknown() {
		this.relay.failNext(RelayFault.DROP_AFTER_DATA);
		assertThatExceptionOfType(SendOutcomeUnknownException.class)
			.isThrownBy(() -> this.sender.sendWithResult(mail("user@example.com")));
		// the relay queued it: a retry would have sent it twice
		assertThat(this.relay.getReceivedMessages()).hasSize(1);
	}

	@Test
	void deliveredReportReachesTheApplicationsListener() throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		new MimeMessageHelper(message).setTo("user@example.com");
		message.setSubject("Report me");
		message.setText("Body");
		message.setHeader(InfobipHeaders.BULK_ID, "bulk-7");
		message.setHeader(InfobipHeaders.CALLBACK_DATA, "user-7");
		InfobipSendResult result = this.sender.sendWithResult(message);
		ReceivedMessage received = this.relay.awaitMessages(1, TIMEOUT).get(0);
		assertThat(this.relay.reports().delivered(received)).isEqualTo(200);
		assertThat(this.events.reports).singleElement().satisfies((event) -> {
			assertThat(event.getStatusGroup()).isEqualTo(DeliveryStatusGroup.DELIVERED);
			assertThat(event.getMessageId()).isEqualTo(result.messageId());
			assertThat(event.getBulkId()).isEqualTo("bulk-7");
			assertThat(event.getReport().to()).isEqualTo("user@example.com");
			assertThat(event.getReport().callbackData()).isEqualTo("user-7");
		});
	}

	@Test
	void deliveryReportIsPostedAsXmlWhenTheMessageAsksForIt() throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		new MimeMessageHelper(message).setTo("user@example.com");
		message.setSubject("XML");
		message.setText("Body");
		message.setHeader(InfobipHeaders.NOTIFY_CONTENT_TYPE, "application/xml");
		InfobipSendResult result = this.sender.sendWithResult(message);
		ReceivedMessage received = this.relay.awaitMessages(1, TIMEOUT).get(0);
		assertThat(this.relay.reports().undeliverable(received)).isEqualTo(200);
		assertThat(this.events.reports).singleElement().satisfies((event) -> {
			assertThat(event.getStatusGroup()).isEqualTo(DeliveryStatusGroup.UNDELIVERABLE);
			assertThat(event.getMessageId()).isEqualTo(result.messageId());
		});
	}

	@Test
	void openedAndClickedEventsReachTheApplicationsListener() {
		InfobipSendResult result = this.sender.sendWithResult(mail("user@example.com"));
		ReceivedMessage received = this.relay.awaitMessages(1, TIMEOUT).get(0);
		assertThat(this.relay.reports().opened(received)).isEqualTo(200);
		assertThat(this.relay.reports().clicked(received, "https://example.com/offer")).isEqualTo(200);
		assertThat(this.events.tracking).satisfiesExactly((opened) -> {
			assertThat(opened.getType()).isEqualTo(TrackingNotificationType.OPENED);
			assertThat(opened.getMessageId()).isEqualTo(result.messageId());
			assertThat(opened.getNotification().recipient()).isEqualTo("user@example.com");
		}, (clicked) -> {
			assertThat(clicked.getType()).isEqualTo(TrackingNotificationType.CLICKED);
			assertThat(clicked.getNotification().url()).isEqualTo("https://example.com/offer");
		});
	}

	private static SimpleMailMessage mail(String to) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setTo(to);
		message.setSubject("Hello");
		message.setText("Hello from the relay test");
		return message;
	}

}

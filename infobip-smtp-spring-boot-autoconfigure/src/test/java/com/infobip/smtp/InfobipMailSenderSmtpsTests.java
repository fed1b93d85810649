/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.net.URI;
import java.util.Properties;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.infobip.smtp.testsupport.ConnectionCountingServer;
import com.infobip.smtp.testsupport.GreenMailRelays;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestRelayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End to end through the auto-configuration to a GreenMail relay speaking TLS with AUTH.
 */
class InfobipMailSenderSmtpsTests {

	@RegisterExtension
	static final GreenMailExtension relay = GreenMailRelays.smtps();

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics();

	@Test
	void sendsWithApiKey() {
		run((sender, context) -> {
			sender.send(simpleMessage("user@example.com"));
			MimeMessage[] received = relay.getReceivedMessages();
			assertThat(received).hasSize(1);
			assertThat(received[0].getSubject()).isEqualTo("Hello");
			assertThat(GreenMailUtil.getBody(received[0])).contains("Body text");
		});
	}

	@Test
	void sendsWithAccountCredentials() {
		this.contextRunner.withPropertyValues(relayProperties())
			.withPropertyValues("infobip.smtp.api-key=", "infobip.smtp.username=" + GreenMailRelays.USERNAME,
					"infobip.smtp.password=" + GreenMailRelays.PASSWORD)
			.run((context) -> {
				context.getBean(InfobipMailSender.class).send(simpleMessage("user@example.com"));
				assertThat(relay.getReceivedMessages()).hasSize(1);
			});
	}

	@Test
	void wrongPasswordIsAnAuthenticationFailureWithoutTheSecret() {
		this.contextRunner.withPropertyValues(relayProperties())
			.withPropertyValues("infobip.smtp.api-key=", "infobip.smtp.username=" + GreenMailRelays.USERNAME,
					"infobip.smtp.password=wrong-s3cret")
			.run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				assertThatExceptionOfType(MailAuthenticationException.class)
					.isThrownBy(() -> sender.send(simpleMessage("user@example.com")))
					.withMessageContaining("refused the credentials")
					.withMessageNotContaining("wrong-s3cret")
					.satisfies((ex) -> assertThat(ex.getCause().getMessage()).doesNotContain("wrong-s3cret"));
				assertThat(relay.getReceivedMessages()).isEmpty();
				assertThat(context.getBean(MeterRegistry.class)
					.get("infobip.smtp.send")
					.tag("outcome", "rejected")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void writesConfiguredDefaultHeaders() {
		this.contextRunner.withPropertyValues(relayProperties())
			.withPropertyValues("infobip.smtp.tracking-url=https://app.example.com/track",
					"infobip.smtp.notify-url=https://app.example.com/dlr",
					"infobip.smtp.notify-content-type=application/json", "infobip.smtp.intermediate-report=true",
					"infobip.smtp.callback-data=tenant-7")
			.run((context) -> {
				context.getBean(InfobipMailSender.class).send(simpleMessage("user@example.com"));
				MimeMessage received = relay.getReceivedMessages()[0];
				assertThat(header(received, InfobipHeaders.TRACKING_URL)).isEqualTo("https://app.example.com/track");
				assertThat(header(received, InfobipHeaders.NOTIFY_URL)).isEqualTo("https://app.example.com/dlr");
				assertThat(header(received, InfobipHeaders.NOTIFY_CONTENT_TYPE)).isEqualTo("application/json");
				assertThat(header(received, InfobipHeaders.INTERMEDIATE_REPORT)).isEqualTo("true");
				assertThat(header(received, InfobipHeaders.CALLBACK_DATA)).isEqualTo("tenant-7");
				assertThat(received.getHeader(InfobipHeaders.BULK_ID)).isNull();
			});
	}

	@Test
	void valuesSetOnTheMessageWinOverDefaults() {
		this.contextRunner.withPropertyValues(relayProperties())
			.withPropertyValues("infobip.smtp.notify-url=https://app.example.com/dlr",
					"infobip.smtp.callback-data=default-data", "infobip.smtp.intermediate-report=false")
			.run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				sender.send((message) -> {
					MimeMessageHelper helper = new MimeMessageHelper(message);
					helper.setFrom("shop@example.com");
					helper.setTo("user@example.com");
					helper.setSubject("Typed");
					helper.setText("Body");
					InfobipMessageHeaders.of(message)
						.bulkId("bulk-42")
						.notifyUrl(URI.create("https://app.example.com/other-dlr"))
						.notifyContentType(NotifyContentType.APPLICATION_XML)
						.trackingUrl(URI.create("http://app.example.com/t"))
						.intermediateReport(true);
					message.setHeader(InfobipHeaders.CALLBACK_DATA, "raw-data");
				});
				MimeMessage received = relay.getReceivedMessages()[0];
				assertThat(header(received, InfobipHeaders.BULK_ID)).isEqualTo("bulk-42");
				assertThat(header(received, InfobipHeaders.NOTIFY_URL)).isEqualTo("https://app.example.com/other-dlr");
				assertThat(header(received, InfobipHeaders.NOTIFY_CONTENT_TYPE)).isEqualTo("application/xml");
				assertThat(header(received, InfobipHeaders.TRACKING_URL)).isEqualTo("http://app.example.com/t");
				assertThat(header(received, InfobipHeaders.INTERMEDIATE_REPORT)).isEqualTo("true");
				assertThat(header(received, InfobipHeaders.CALLBACK_DATA)).isEqualTo("raw-data");
			});
	}

	@Test
	void everyToCcAndBccAddressIsARecipientAndBccIsNotTransmitted() {
		run((sender, context) -> {
			sender.send((message) -> {
				MimeMessageHelper helper = new MimeMessageHelper(message);
				helper.setFrom("shop@example.com");
				helper.setTo(new String[] { "to1@one.example", "to2@two.example" });
				helper.setCc("cc@three.example");
				helper.setBcc("hidden@four.example");
				helper.setSubject("Recipients");
				helper.setText("Body");
			});
			assertThat(relay.getReceivedMessages()).hasSize(4);
			for (String recipient : new String[] { "to1@one.example", "to2@two.example", "cc@three.example",
					"hidden@four.example" }) {
				assertThat(inboxSize(recipient)).as(recipient).isEqualTo(1);
			}
			for (MimeMessage copy : relay.getReceivedMessages()) {
				assertThat(GreenMailUtil.getWholeMessage(copy)).doesNotContainIgnoringCase("hidden@four.example")
					.doesNotContainIgnoringCase("Bcc:");
				assertThat(copy.getRecipients(Message.RecipientType.CC)).hasSize(1);
			}
		});
	}

	@Test
	void contentArrivesUnchangedWithLeadingDotsNonAsciiAndAttachments() {
		byte[] attachment = new byte[20000];
		new java.util.Random(42).nextBytes(attachment);
		String text = ".leading dot\n..two dots\n.\nünïcödé line\n";
		run((sender, context) -> {
			sender.send((message) -> {
				MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED,
						"UTF-8");
				helper.setFrom("shop@example.com");
				helper.setTo("user@example.com");
				helper.setSubject("Dots and ünïcödé");
				helper.setText(text);
				helper.addAttachment("data.bin", new org.springframework.core.io.ByteArrayResource(attachment));
			});
			MimeMessage received = relay.getReceivedMessages()[0];
			assertThat(received.getSubject()).isEqualTo("Dots and ünïcödé");
			jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) received.getContent();
			assertThat(parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n")).isEqualTo(text);
			assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(attachment);
		});
	}

	@Test
	void defaultFromIsUsedWhenTheMessageHasNone() {
		this.contextRunner.withPropertyValues(relayProperties())
			.withPropertyValues("infobip.smtp.default-from=Shop <shop@example.com>")
			.run((context) -> {
				SimpleMailMessage message = simpleMessage("user@example.com");
				message.setFrom(null);
				context.getBean(InfobipMailSender.class).send(message);
				assertThat(relay.getReceivedMessages()[0].getFrom()[0].toString()).isEqualTo("Shop <shop@example.com>");
			});
	}

	@Test
	void sendsArraysOfEveryMessageKindOverOneConnection() {
		run((sender, context) -> {
			sender.send(simpleMessage("a@example.com"), simpleMessage("b@example.com"));
			MimeMessage mime = sender.createMimeMessage();
			new MimeMessageHelper(mime).setFrom("shop@example.com");
			mime.setRecipients(Message.RecipientType.TO, "c@example.com");
			mime.setSubject("Mime");
			mime.setText("Body");
			sender.send(mime);
			assertThat(relay.getReceivedMessages()).hasSize(3);
		});
	}

	@Test
	void lineBreakInARawHeaderIsRefusedBeforeAnyConnection() throws Exception {
		try (ConnectionCountingServer server = new ConnectionCountingServer()) {
			runAgainst(server, (sender, context) -> {
				MimeMessage message = sender.createMimeMessage();
				new MimeMessageHelper(message).setFrom("shop@example.com");
				message.setRecipients(Message.RecipientType.TO, "user@example.com");
				message.setText("Body");
				message.setHeader(InfobipHeaders.CALLBACK_DATA, "x\r\nBcc: victim@example.com");
				assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
					.withMessageContaining("Header X-IB-callback-data must be a single line");
				assertThat(server.connections()).isZero();
			});
		}
	}

	@Test
	void typedHeaderRefusesLineBreaksAndBadUrls() {
		run((sender, context) -> {
			MimeMessage message = sender.createMimeMessage();
			assertThatExceptionOfType(InvalidMessageException.class)
				.isThrownBy(() -> InfobipMessageHeaders.of(message).bulkId("a\nb"))
				.withMessageContaining("Header X-IB-bulk-id must be a single line");
			assertThatExceptionOfType(InvalidMessageException.class)
				.isThrownBy(() -> InfobipMessageHeaders.of(message).notifyUrl(URI.create("/relative")))
				.withMessageContaining("X-IB-notify-url must be an absolute http or https URL");
			assertThat(message.getHeader(InfobipHeaders.BULK_ID)).isNull();
		});
	}

	@Test
	void tooLargeMessageIsRefusedBeforeAnyConnection() throws Exception {
		try (ConnectionCountingServer server = new ConnectionCountingServer()) {
			this.contextRunner.withPropertyValues(countingServerProperties(server))
				.withPropertyValues("infobip.smtp.max-message-size=1KB")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					SimpleMailMessage message = simpleMessage("user@example.com");
					message.setText("x".repeat(2000));
					assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
						.withMessageContaining("larger than infobip.smtp.max-message-size (1024 bytes)");
					assertThat(server.connections()).isZero();
					assertThat(context.getBean(MeterRegistry.class)
						.get("infobip.smtp.send")
						.tag("outcome", "invalid")
						.timer()
						.count()).isEqualTo(1);
				});
		}
	}

	@Test
	void senderOutsideAllowedDomainsIsRefusedBeforeAnyConnection() throws Exception {
		try (ConnectionCountingServer server = new ConnectionCountingServer()) {
			this.contextRunner.withPropertyValues(countingServerProperties(server))
				.withPropertyValues("infobip.smtp.allowed-sender-domains=example.com,mail.example.com")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					SimpleMailMessage message = simpleMessage("user@example.com");
					message.setFrom("spoof@evil.example");
					assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
						.withMessageContaining(
								"From domain 'evil.example' is not in infobip.smtp.allowed-sender-domains");
					assertThat(server.connections()).isZero();
				});
		}
	}

	@Test
	void envelopeSenderOutsideAllowedDomainsIsRefused() {
		this.contextRunner.withPropertyValues(relayProperties())
			.withPropertyValues("infobip.smtp.allowed-sender-domains=example.com")
			.run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				org.eclipse.angus.mail.smtp.SMTPMessage message = new org.eclipse.angus.mail.smtp.SMTPMessage(
						Session.getInstance(new Properties()));
				message.setFrom("shop@example.com");
				message.setEnvelopeFrom("bounce@evil.example");
				message.setRecipients(Message.RecipientType.TO, "user@example.com");
				message.setText("Body");
				assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
					.withMessageContaining("envelope sender domain 'evil.example'");
				assertThat(relay.getReceivedMessages()).isEmpty();
			});
	}

	@Test
	void messageWithoutSenderIsRefused() {
		run((sender, context) -> {
			SimpleMailMessage message = simpleMessage("user@example.com");
			message.setFrom(null);
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
				.withMessageContaining("set infobip.smtp.default-from");
		});
	}

	@Test
	void invalidMessagesInABatchAreReportedAndTheOthersSent() {
		run((sender, context) -> {
			SimpleMailMessage invalid = simpleMessage("user@example.com");
			invalid.setFrom(null);
			assertThatExceptionOfType(MailSendException.class)
				.isThrownBy(() -> sender.send(simpleMessage("a@example.com"), invalid, simpleMessage("b@example.com")))
				.satisfies((ex) -> {
					assertThat(ex.getFailedMessages()).hasSize(1);
					assertThat(ex.getFailedMessages().values().iterator().next())
						.isInstanceOf(InvalidMessageException.class);
				});
			assertThat(relay.getReceivedMessages()).hasSize(2);
		});
	}

	@Test
	void sendIsObservedWithOutcomeRegionAndRecipients() {
		run((sender, context) -> {
			sender.send((message) -> {
				MimeMessageHelper helper = new MimeMessageHelper(message);
				helper.setFrom("shop@example.com");
				helper.setTo("to@example.com");
				helper.setCc("cc@example.com");
				helper.setText("Body");
			});
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// the test relay's host is no region's: the tag says so
			assertThat(
					registry.get("infobip.smtp.send").tag("outcome", "success").tag("region", "custom").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("infobip.smtp.recipients").tag("outcome", "success").counter().count())
				.isEqualTo(2.0);
		});
	}

	@Test
	void unreachableRelayIsAFailedSend() {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(1, "TLS")).run((context) -> {
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			assertThatExceptionOfType(MailSendException.class)
				.isThrownBy(() -> sender.send(simpleMessage("user@example.com")))
				.withMessageContaining("localhost:1 (TLS)")
				.withMessageNotContaining(GreenMailRelays.API_KEY);
			assertThat(context.getBean(MeterRegistry.class)
				.get("infobip.smtp.send")
				.tag("outcome", "failed")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	private String header(MimeMessage message, String name) throws Exception {
		String[] values = message.getHeader(name);
		assertThat(values).as(name).hasSize(1);
		return values[0];
	}

	private int inboxSize(String email) throws Exception {
		GreenMailUser user = relay.getUserManager().getUserByEmail(email);
		assertThat(user).as("mailbox of " + email).isNotNull();
		return relay.getManagers().getImapHostManager().getInbox(user).getMessageCount();
	}

	private static SimpleMailMessage simpleMessage(String to) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("shop@example.com");
		message.setTo(to);
		message.setSubject("Hello");
		message.setText("Body text");
		return message;
	}

	private static String[] relayProperties() {
		return TestRelayProperties.relay(relay.getSmtps().getPort(), "TLS");
	}

	private static String[] countingServerProperties(ConnectionCountingServer server) {
		return TestRelayProperties.relay(server.port(), "TLS");
	}

	private void run(SenderConsumer consumer) {
		this.contextRunner.withPropertyValues(relayProperties())
			.run((context) -> consumer.accept(context.getBean(InfobipMailSender.class), context));
	}

	private void runAgainst(ConnectionCountingServer server, SenderConsumer consumer) {
		this.contextRunner.withPropertyValues(countingServerProperties(server))
			.run((context) -> consumer.accept(context.getBean(InfobipMailSender.class), context));
	}

	@FunctionalInterface
	interface SenderConsumer {

		void accept(InfobipMailSender sender, AssertableApplicationContext context) throws Throwable;

	}

}

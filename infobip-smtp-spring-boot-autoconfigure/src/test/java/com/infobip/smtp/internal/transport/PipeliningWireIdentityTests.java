/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestCredentials;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.testsupport.TurnCountingProxy;
import com.infobip.smtp.testsupport.WireMessage;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipelining changes nothing on the wire but the number of round trips: the same
 * multipart message arrives with the same envelope, command for command, and byte for
 * byte the same data pipelined, with pipelining switched off, to a relay that does not
 * offer it, and from stock Spring mail, as Jakarta Mail writes it. A message that asks
 * for delivery status notifications, which Angus Mail adds to every RCPT TO, keeps them.
 */
class PipeliningWireIdentityTests {

	@Test
	void sameMessageArrivesByteIdenticalWithAndWithoutPipelining() throws Exception {
		try (SmtpTestRelay pipeliningRelay = TestRelays.start();
				TurnCountingProxy proxy = new TurnCountingProxy(pipeliningRelay.getPort());
				SmtpTestRelay plainRelay = TestRelays.builder().pipelining(false).start()) {
			// one message for every send: two builds would differ in their random MIME
			// boundaries; its parts are encoded again in every send all the same
			AtomicReference<MimeMessage> built = new AtomicReference<>();
			withSender(proxy.port(), true, (sender, sslBundles) -> {
				MimeMessage message = sender.createMimeMessage();
				WireMessage.fill(message);
				built.set(message);
				sender.send(message);
				proxy.resetTurns();
				sender.send(message);
				// proof that it was pipelined: MAIL, RCPT, RCPT, RCPT, DATA in one turn
				assertThat(proxy.clientTurns()).isEqualTo(2);
			});
			MimeMessage message = built.get();
			withSender(pipeliningRelay.getPort(), false, (sender, sslBundles) -> {
				sender.send(message);
				stockSpringMail(pipeliningRelay.getPort(), sslBundles).send(message);
			});
			withSender(plainRelay.getPort(), true, (sender, sslBundles) -> sender.send(message));
			// pipelined twice, unpipelined, stock Spring mail; to the relay without it
			List<QueuedMessage> received = Stream
				.concat(pipeliningRelay.getMessages().stream(), plainRelay.getMessages().stream())
				.toList();
			assertThat(received).hasSize(5);
			String expected = WireMessage.bytewise(WireMessage.data(message));
			// lines of a lone dot and of two dots, which travel dot-stuffed
			assertThat(expected).contains("\r\n.\r\n", "\r\n..\r\n");
			assertThat(received).allSatisfy((each) -> {
				assertThat(each.from()).isEqualTo(WireMessage.FROM);
				assertThat(each.recipients()).isEqualTo(WireMessage.RECIPIENTS);
				assertThat(WireMessage.bytewise(WireMessage.ownData(each))).isEqualTo(expected);
			});
			// the envelope as sent, command for command
			List<String> envelope = List.of("MAIL FROM:<shop@example.com>", "RCPT TO:<user@example.com>",
					"RCPT TO:<copy@example.com>", "RCPT TO:<hidden@example.com>");
			assertThat(pipeliningRelay.getEnvelopeCommands()).isEqualTo(repeat(envelope, 4));
			assertThat(plainRelay.getEnvelopeCommands()).isEqualTo(envelope);
		}
	}

	@Test
	void messageAskingForDeliveryStatusNotificationsGoesOutWithTheEnvelopeItHasWithoutPipelining() {
		sameEnvelopeAndDataWithAndWithoutPipeliningToARelayOfferingDsn((sender) -> {
			SMTPMessage message = new SMTPMessage(sender.createMimeMessage().getSession());
			WireMessage.fill(message);
			message.setNotifyOptions(SMTPMessage.NOTIFY_SUCCESS | SMTPMessage.NOTIFY_FAILURE);
			message.setReturnOption(SMTPMessage.RETURN_HDRS);
			return message;
		}, "MAIL FROM:<shop@example.com> RET=HDRS", " NOTIFY=SUCCESS,FAILURE");
	}

	@Test
	void sessionAskingForDeliveryStatusNotificationsGoesOutWithTheEnvelopeItHasWithoutPipelining() {
		sameEnvelopeAndDataWithAndWithoutPipeliningToARelayOfferingDsn((sender) -> {
			MimeMessage message = sender.createMimeMessage();
			// the session is the sender's, live
			message.getSession().getProperties().setProperty("mail.smtp.dsn.notify", "FAILURE");
			WireMessage.fill(message);
			return message;
		}, "MAIL FROM:<shop@example.com>", " NOTIFY=FAILURE");
	}

	/**
	 * Infobip's relay does not offer DSN; to one that does, Angus adds NOTIFY to every
	 * RCPT TO when the message or the session asks for notifications.
	 */
	private static void sameEnvelopeAndDataWithAndWithoutPipeliningToARelayOfferingDsn(MessageFactory messages,
			String mailFrom, String rcptParameters) {
		try (SmtpTestRelay relay = TestRelays.builder().dsn(true).start()) {
			withSender(relay.getPort(), false, (sender, sslBundles) -> sender.send(messages.create(sender)));
			withSender(relay.getPort(), true, (sender, sslBundles) -> sender.send(messages.create(sender)));
			List<String> envelope = List.of(mailFrom, "RCPT TO:<user@example.com>" + rcptParameters,
					"RCPT TO:<copy@example.com>" + rcptParameters, "RCPT TO:<hidden@example.com>" + rcptParameters);
			assertThat(relay.getEnvelopeCommands()).isEqualTo(repeat(envelope, 2));
			// two builds, which differ in their random MIME boundaries only
			List<QueuedMessage> received = relay.getMessages();
			assertThat(received).hasSize(2);
			assertThat(WireMessage.withNumberedBoundaries(WireMessage.ownData(received.get(1))))
				.isEqualTo(WireMessage.withNumberedBoundaries(WireMessage.ownData(received.get(0))));
		}
	}

	private static List<String> repeat(List<String> commands, int times) {
		return Collections.nCopies(times, commands).stream().flatMap(List::stream).toList();
	}

	private static void withSender(int port, boolean pipelining, SenderTest test) {
		SenderContextRunners.withMetrics()
			.withPropertyValues(TestRelayProperties.relay(port, "STARTTLS"))
			.withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.pipelining=" + pipelining)
			.run((context) -> test.run(context.getBean(InfobipMailSender.class), context.getBean(SslBundles.class)));
	}

	/**
	 * Spring's own sender with Angus Mail's transport, one command per turn.
	 */
	private static JavaMailSenderImpl stockSpringMail(int port, SslBundles sslBundles) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("localhost");
		sender.setPort(port);
		sender.setUsername(TestCredentials.API_KEY_USER);
		sender.setPassword(TestCredentials.API_KEY);
		Properties properties = sender.getJavaMailProperties();
		properties.setProperty("mail.smtp.auth", "true");
		properties.setProperty("mail.smtp.starttls.enable", "true");
		properties.setProperty("mail.smtp.starttls.required", "true");
		properties.put("mail.smtp.ssl.socketFactory",
				sslBundles.getBundle("test-relay").createSslContext().getSocketFactory());
		properties.setProperty("mail.smtp.connectiontimeout", "5000");
		properties.setProperty("mail.smtp.timeout", "5000");
		return sender;
	}

	@FunctionalInterface
	interface MessageFactory {

		MimeMessage create(InfobipMailSender sender) throws Exception;

	}

	@FunctionalInterface
	interface SenderTest {

		void run(InfobipMailSender sender, SslBundles sslBundles) throws Exception;

	}

}

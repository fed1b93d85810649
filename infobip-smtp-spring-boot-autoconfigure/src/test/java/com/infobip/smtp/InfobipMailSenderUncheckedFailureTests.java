/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A runtime exception or an error thrown in the middle of a send, for instance by the
 * content of a message while it is written to the relay, reaches the caller as a
 * {@link MailException} (an error as itself) and never costs the pool its connection.
 */
class InfobipMailSenderUncheckedFailureTests {

	private final ApplicationContextRunner contextRunner = SenderContextRunners.withMetrics()
		.withPropertyValues("infobip.smtp.pool.max-connections=1", "infobip.smtp.pool.max-wait=1s");

	@Test
	void contentThatThrowsWhileBeingSentFailsAsAMailExceptionAndLeavesTheConnectionUsable() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender, context) -> {
				long start = System.nanoTime();
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(InfobipSendFailedException.class)
						.isThrownBy(() -> sender.send(throwingWhileWritten(new IllegalStateException("content gone"))))
						.satisfies((ex) -> {
							assertThat(ex.getPhase()).isEqualTo(SmtpPhase.DATA);
							assertThat(ex.getAttempts()).isEqualTo(1);
							assertThat(ex).hasRootCauseInstanceOf(IllegalStateException.class);
						})
						.withMessageContaining("content gone");
				}
				// closed without QUIT, which the relay would take for a line of the data
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
				sender.send(TestMessages.plainText("user@example.com"));
				assertThat(relay.getMessages()).singleElement()
					.satisfies((received) -> assertThat(received.recipients()).containsExactly("user@example.com"));
				assertThat(context.getBean(MeterRegistry.class)
					.get("infobip.smtp.send")
					.tag("outcome", "failed")
					.timer()
					.count()).isEqualTo(3);
			});
		}
	}

	@Test
	void errorWhileSendingIsRethrownAfterTheConnectionIsDiscarded() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender, context) -> {
				for (int i = 0; i < 2; i++) {
					assertThatExceptionOfType(ContentError.class)
						.isThrownBy(() -> sender.send(throwingWhileWritten(new ContentError())));
				}
				sender.send(TestMessages.plainText("user@example.com"));
				assertThat(relay.getMessages()).hasSize(1);
			});
		}
	}

	@Test
	void asyncAndBatchSendsOfContentThatThrowsFailAsMailExceptionsAndLeaveTheConnectionUsable() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender, context) -> {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> sender.sendAsync(throwingWhileWritten(new IllegalStateException("gone"))).get())
					.withCauseInstanceOf(InfobipSendFailedException.class);
				MimeMessage good = sender.createMimeMessage();
				good.setFrom("shop@example.com");
				good.setRecipients(Message.RecipientType.TO, "good@example.com");
				good.setText("Body");
				MimeMessage bad = throwingWhileWritten(new IllegalStateException("gone"));
				InfobipBatchResult result = sender.sendBatch(List.of(bad, good));
				assertThat(result.sent()).containsOnlyKeys(good);
				assertThat(result.failed()).containsOnlyKeys(bad);
				assertThat(result.failed().get(bad)).isInstanceOf(InfobipSendFailedException.class);
				// an error is no failure of one message:
				// it is rethrown once the batch is done
				assertThatExceptionOfType(ContentError.class)
					.isThrownBy(() -> sender.sendBatch(List.of(throwingWhileWritten(new ContentError()))));
				sender.send(TestMessages.plainText("user@example.com"));
				assertThat(relay.getMessages()).hasSize(2);
			});
		}
	}

	@Test
	void dataSourceThatThrowsIsRefusedAsAnInvalidMessageBeforeAnyConnection() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			run(relay, (sender, context) -> {
				MimeMessage message = sender.createMimeMessage();
				message.setFrom("shop@example.com");
				message.setRecipients(Message.RecipientType.TO, "user@example.com");
				MimeBodyPart attachment = new MimeBodyPart();
				attachment.setDataHandler(new DataHandler(new ThrowingDataSource()));
				attachment.setFileName("report.pdf");
				message.setContent(new MimeMultipart(attachment));
				assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
					.withMessageContaining("report unavailable");
				assertThat(relay.getSessionCount()).isZero();
			});
		}
	}

	private void run(SmtpTestRelay relay, InfobipMailSenderFaultTests.SenderTest test) {
		this.contextRunner.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.run((AssertableApplicationContext context) -> {
				assertThat(context).hasNotFailed();
				test.run(context.getBean(InfobipMailSender.class), context);
			});
	}

	/**
	 * A text message whose content throws once it is written to the relay: the checks
	 * before sending take its size from the text without writing it.
	 */
	private static MimeMessage throwingWhileWritten(Throwable failure) throws MessagingException {
		MimeMessage message = new MimeMessage((Session) null) {

			@Override
			public void writeTo(OutputStream out, String[] ignoreList) {
				if (failure instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) failure;
			}

		};
		message.setFrom("shop@example.com");
		message.setRecipients(Message.RecipientType.TO, "user@example.com");
		message.setText("Body");
		return message;
	}

	static class ContentError extends Error {

		private static final long serialVersionUID = 1L;

		ContentError() {
			super("content failed badly");
		}

	}

	static class ThrowingDataSource implements DataSource {

		@Override
		public InputStream getInputStream() {
			throw new IllegalStateException("report unavailable");
		}

		@Override
		public OutputStream getOutputStream() {
			throw new UnsupportedOperationException();
		}

		@Override
		public String getContentType() {
			return "application/pdf";
		}

		@Override
		public String getName() {
			return "report.pdf";
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipPreparedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SavedSystemProperty;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.testsupport.WireMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's own per-message path looks up no Jakarta Mail {@code StreamProvider}:
 * from the moment {@code send} gets a built message to the relay's answer, the checks,
 * the size bound, the choice of transfer encodings and the writing of the message use the
 * provider the sender's session got once. Under {@code java -jar} each look-up is a scan
 * of every nested jar.
 * <p>
 * jakarta.mail-api 2.1.5 creates a new provider in every look-up, from the class the
 * system property names when it is set, so a provider that counts its instances counts
 * the look-ups, on whichever thread they happen.
 */
class StreamProviderLookupTests {

	private static final String STREAM_PROVIDER = StreamProviderEnvironmentPostProcessor.STREAM_PROVIDER;

	private @Nullable SavedSystemProperty savedStreamProvider;

	@BeforeEach
	void nameCountingProvider() {
		this.savedStreamProvider = SavedSystemProperty.save(STREAM_PROVIDER);
		System.setProperty(STREAM_PROVIDER, LookupCountingStreamProvider.class.getName());
	}

	@AfterEach
	void restoreStreamProvider() {
		if (this.savedStreamProvider != null) {
			this.savedStreamProvider.restore();
		}
	}

	@Test
	void sendingAMessageTheApplicationBuiltLooksUpNoProvider() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start(); ConfigurableApplicationContext context = run(relay)) {
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			// a multipart HTML message with text, an inline image, an attachment and
			// non-ASCII names, subject and text
			MimeMessage multipart = sender.createMimeMessage();
			WireMessage.fill(multipart);
			assertThat(lookupsDuring(() -> sender.send(multipart))).isEmpty();
			MimeMessage plain = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(plain, "UTF-8");
			helper.setFrom(WireMessage.FROM);
			helper.setTo("user@example.com");
			helper.setSubject("Grüße");
			helper.setText("Grüße aus München, long enough to be quoted-printable rather than base64.");
			assertThat(lookupsDuring(() -> sender.send(plain))).isEmpty();
			MimeMessage htmlOnly = sender.createMimeMessage();
			MimeMessageHelper html = new MimeMessageHelper(htmlOnly, true, "UTF-8");
			html.setFrom(WireMessage.FROM);
			html.setTo("user@example.com");
			html.setSubject("Rechnung");
			html.setText("<p>Rechnung</p>", true);
			html.addAttachment("rechnung.txt", new ByteArrayResource("Summe: 42 €\n".getBytes()), "text/plain");
			assertThat(lookupsDuring(() -> sender.send(htmlOnly))).isEmpty();
			assertThat(relay.getMessages()).hasSize(3);
		}
	}

	@Test
	void preparingAndSendingAPreparedMessageLooksUpNoProvider() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start(); ConfigurableApplicationContext context = run(relay)) {
			InfobipMailSender sender = context.getBean(InfobipMailSender.class);
			MimeMessage message = sender.createMimeMessage();
			WireMessage.fill(message);
			InfobipPreparedMessage[] prepared = new InfobipPreparedMessage[1];
			assertThat(lookupsDuring(() -> prepared[0] = sender.prepare(message))).isEmpty();
			assertThat(lookupsDuring(() -> sender.sendPrepared(prepared[0]))).isEmpty();
			assertThat(relay.getMessages()).hasSize(1);
		}
	}

	/**
	 * Return where each look-up happened while the action ran, on any thread.
	 */
	private static List<String> lookupsDuring(ThrowingAction action) throws Exception {
		LookupCountingStreamProvider.lookups.clear();
		action.run();
		return List.copyOf(LookupCountingStreamProvider.lookups);
	}

	private static ConfigurableApplicationContext run(SmtpTestRelay relay) {
		SpringApplication application = new SpringApplication(SenderApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		ConfigurableApplicationContext context = application
			.run(Stream.of(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.map((property) -> "--" + property)
				.toArray(String[]::new));
		assertThat(System.getProperty(STREAM_PROVIDER)).isEqualTo(LookupCountingStreamProvider.class.getName());
		return context;
	}

	@FunctionalInterface
	private interface ThrowingAction {

		void run() throws MessagingException;

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class })
	static class SenderApplication {

	}

	/**
	 * Angus Mail's provider, which records where each instance, that is each look-up, was
	 * made.
	 */
	public static class LookupCountingStreamProvider extends MailStreamProvider {

		static final List<String> lookups = new CopyOnWriteArrayList<>();

		public LookupCountingStreamProvider() {
			StackTraceElement[] stack = new Throwable().getStackTrace();
			// the frame that asked for a provider, under jakarta.mail.util's finder
			String caller = Stream.of(stack)
				.filter((frame) -> !frame.getClassName().startsWith("jakarta.mail.util.")
						&& !frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")
						&& !frame.getClassName().equals(LookupCountingStreamProvider.class.getName()))
				.limit(4)
				.map(StackTraceElement::toString)
				.reduce((a, b) -> a + " < " + b)
				.orElse("?");
			lookups.add(Thread.currentThread().getName() + ": " + caller);
		}

	}

}

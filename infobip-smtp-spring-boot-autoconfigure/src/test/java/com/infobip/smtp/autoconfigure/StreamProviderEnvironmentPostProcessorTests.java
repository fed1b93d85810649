/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SavedSystemProperty;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
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
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter names the Jakarta Mail stream provider JVM-wide at startup, so that
 * messages built anywhere skip jakarta.mail-api's class path scan, unless that is off,
 * already done by the application, or unsafe for the way the application was started.
 */
class StreamProviderEnvironmentPostProcessorTests {

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");

	private @Nullable SavedSystemProperty savedStreamProvider;

	@BeforeEach
	void clearStreamProvider() {
		this.savedStreamProvider = SavedSystemProperty.save(STREAM_PROVIDER);
		System.clearProperty(STREAM_PROVIDER);
	}

	@AfterEach
	void restoreStreamProvider() {
		if (this.savedStreamProvider != null) {
			this.savedStreamProvider.restore();
		}
	}

	@Test
	void startupNamesTheProviderTheClassPathOffersWhenTheJvmNamesNone() {
		run(BareApplication.class).close();
		assertThat(System.getProperty(STREAM_PROVIDER)).isEqualTo(MailStreamProvider.class.getName());
		assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
	}

	@Test
	void startupKeepsTheProviderTheApplicationNamed() {
		System.setProperty(STREAM_PROVIDER, OtherStreamProvider.class.getName());
		run(BareApplication.class).close();
		assertThat(System.getProperty(STREAM_PROVIDER)).isEqualTo(OtherStreamProvider.class.getName());
		assertThat(StreamProvider.provider()).isInstanceOf(OtherStreamProvider.class);
	}

	@Test
	void startupLeavesTheProviderUnnamedWhenOptedOut() {
		run(BareApplication.class, "--infobip.smtp.name-stream-provider=false").close();
		assertThat(System.getProperty(STREAM_PROVIDER)).isNull();
	}

	@Test
	void startupLeavesTheProviderUnnamedWhenTheStarterIsDisabled() {
		run(BareApplication.class, "--infobip.smtp.enabled=false").close();
		assertThat(System.getProperty(STREAM_PROVIDER)).isNull();
	}

	@Test
	void providerIsLeftUnnamedWhenTheSystemClassLoaderCannotLoadItAsFromNestedJars() throws Exception {
		try (URLClassLoader nestedJarSystemClassLoader = classLoaderWithoutJakartaMail()) {
			new StreamProviderEnvironmentPostProcessor(Supplier::get).postProcessEnvironment(new StandardEnvironment(),
					nestedJarSystemClassLoader);
			assertThat(System.getProperty(STREAM_PROVIDER)).isNull();
			// such as a ForkJoinPool.commonPool() worker of an application run from
			// nested jars: the message still builds, as it did without the starter
			MimeMessage message = onThreadWithContextClassLoader(nestedJarSystemClassLoader, this::helperMessage);
			assertThat(message.getContent()).isInstanceOf(MimeMultipart.class);
		}
	}

	@Test
	void namedProviderFailsOnThreadsWhoseContextClassLoaderCannotLoadIt() throws Exception {
		// why the starter checks first: jakarta.mail-api 2.1.5 does not fall back to its
		// look-up when the context class loader cannot load the named class
		System.setProperty(STREAM_PROVIDER, MailStreamProvider.class.getName());
		try (URLClassLoader nestedJarSystemClassLoader = classLoaderWithoutJakartaMail()) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> onThreadWithContextClassLoader(nestedJarSystemClassLoader, this::helperMessage))
				.havingCause()
				.isInstanceOf(IllegalArgumentException.class)
				.withMessageContaining(MailStreamProvider.class.getName());
		}
	}

	@Test
	void multipartMessageArrivesByteForByteTheSameWithTheProviderNamed() throws Exception {
		try (SmtpTestRelay relay = TestRelays.start()) {
			String[] relayArgs = Stream.of(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
				.map((property) -> "--" + property)
				.toArray(String[]::new);
			try (ConfigurableApplicationContext context = run(SenderApplication.class,
					with(relayArgs, "--infobip.smtp.name-stream-provider=false"))) {
				assertThat(System.getProperty(STREAM_PROVIDER)).isNull();
				context.getBean(InfobipMailSender.class).send(this::fillHelperMessage);
			}
			try (ConfigurableApplicationContext context = run(SenderApplication.class, relayArgs)) {
				assertThat(System.getProperty(STREAM_PROVIDER)).isEqualTo(MailStreamProvider.class.getName());
				context.getBean(InfobipMailSender.class).send(this::fillHelperMessage);
			}
			List<QueuedMessage> received = relay.getMessages();
			assertThat(received).hasSize(2);
			assertReceivedAsBuilt(received.get(1).bytes());
			assertThat(comparable(received.get(1).bytes())).isEqualTo(comparable(received.get(0).bytes()));
		}
	}

	private MimeMessage helperMessage() throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
		fillHelperMessage(message);
		message.saveChanges();
		return message;
	}

	private void fillHelperMessage(MimeMessage message) throws Exception {
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom("shop@example.com", "Läden & Co");
		helper.setTo("user@example.com");
		helper.setSubject("Grüße aus Łódź ✓");
		helper.setSentDate(new Date(1_800_000_000_000L));
		helper.setText(plainText(), htmlText());
		helper.addInline("logo", new ByteArrayResource(binary(3000, 7)), "image/png");
		helper.addAttachment("Rechnung März.pdf", new ByteArrayResource(binary(5000, 13)), "application/pdf");
	}

	private static String plainText() {
		return "Hallo Jürgen,\n.\n.. two dots\n. one dot and a space\nEnde: 東京 ✓\n";
	}

	private static String htmlText() {
		return "<html><body>\n.<p>Grüße</p>\n..<img src=\"cid:logo\">\n</body></html>\n";
	}

	private static byte[] binary(int length, int step) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * step);
		}
		return bytes;
	}

	private void assertReceivedAsBuilt(byte[] bytes) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
				new ByteArrayInputStream(bytes));
		assertThat(message.getSubject()).isEqualTo("Grüße aus Łódź ✓");
		MimeMultipart mixed = (MimeMultipart) message.getContent();
		MimeMultipart related = (MimeMultipart) mixed.getBodyPart(0).getContent();
		MimeMultipart alternative = (MimeMultipart) related.getBodyPart(0).getContent();
		// text travels with CRLF line ends
		assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(plainText().replace("\n", "\r\n"));
		assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(htmlText().replace("\n", "\r\n"));
		BodyPart logo = related.getBodyPart(1);
		assertThat(logo.getInputStream().readAllBytes()).isEqualTo(binary(3000, 7));
		BodyPart attachment = mixed.getBodyPart(1);
		assertThat(attachment.getFileName()).isEqualTo("Rechnung März.pdf");
		assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(binary(5000, 13));
	}

	/**
	 * The message as received, less what differs from one send to the next: the relay's
	 * Received header, the Message-ID and the random boundaries, which are numbered in
	 * order of appearance.
	 */
	private static String comparable(byte[] bytes) {
		String message = new String(bytes, StandardCharsets.ISO_8859_1);
		message = message.replaceFirst("(?s)^Received: .*?\r\n(?![ \t])", "");
		message = message.replaceAll("(?m)^Message-ID: .*\r\n", "");
		List<String> boundaries = new ArrayList<>();
		Matcher matcher = BOUNDARY.matcher(message);
		while (matcher.find()) {
			boundaries.add(matcher.group(1));
		}
		assertThat(boundaries).hasSize(3);
		for (int i = 0; i < boundaries.size(); i++) {
			message = message.replace(boundaries.get(i), "boundary-" + i);
		}
		return message;
	}

	private static <T> T onThreadWithContextClassLoader(ClassLoader contextClassLoader, Callable<T> task)
			throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "other-context-class-loader");
			thread.setContextClassLoader(contextClassLoader);
			return thread;
		});
		try {
			return executor.submit(task).get();
		}
		finally {
			executor.shutdown();
		}
	}

	/**
	 * A class loader that, like the system class loader of an application run from nested
	 * jars, cannot load the application's libraries.
	 */
	private static URLClassLoader classLoaderWithoutJakartaMail() {
		return new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
	}

	private static ConfigurableApplicationContext run(Class<?> source, String... args) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		return application.run(args);
	}

	private static String[] with(String[] args, String arg) {
		return Stream.concat(Stream.of(args), Stream.of(arg)).toArray(String[]::new);
	}

	@Configuration(proxyBeanMethods = false)
	static class BareApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class })
	static class SenderApplication {

	}

	public static class OtherStreamProvider extends MailStreamProvider {

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.relay.QueuedMessage;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SavedSystemProperty;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import com.infobip.smtp.testsupport.WireMessage;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Naming the Jakarta Mail stream provider changes nothing on the wire, and an application
 * that names its own keeps it, for the messages the starter sends too.
 * <p>
 * Both ways run in this JVM: jakarta.mail-api 2.1.5 reads the system property in every
 * {@code StreamProvider.provider()} call (its {@code FactoryFinder} caches nothing); only
 * a {@code Session} and a {@code Multipart} keep the provider they got when created. So
 * each way gets its own application, hence its own sender and session, and builds its own
 * message after the property is set or cleared.
 */
class StreamProviderWireIdentityTests {

	private static final String STREAM_PROVIDER = StreamProviderEnvironmentPostProcessor.STREAM_PROVIDER;

	private @Nullable SavedSystemProperty savedStreamProvider;

	@BeforeEach
	void clearStreamProvider() {
		this.savedStreamProvider = SavedSystemProperty.save(STREAM_PROVIDER);
		System.clearProperty(STREAM_PROVIDER);
		CountingStreamProvider.encoders.set(0);
	}

	@AfterEach
	void restoreStreamProvider() {
		if (this.savedStreamProvider != null) {
			this.savedStreamProvider.restore();
		}
	}

	@Test
	void multipartMessageArrivesWithByteIdenticalBodyPartsWhetherTheProviderIsNamedOrLookedUp() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			String[] relayArgs = relayArgs(relay);
			byte[] lookedUp;
			try (ConfigurableApplicationContext context = run(SenderApplication.class,
					with(relayArgs, "--infobip.smtp.name-stream-provider=false"))) {
				// jakarta.mail-api scans the class path for it, in every look-up
				assertThat(System.getProperty(STREAM_PROVIDER)).isNull();
				assertThat(StreamProvider.provider()).isExactlyInstanceOf(MailStreamProvider.class);
				lookedUp = send(context);
			}
			byte[] named;
			try (ConfigurableApplicationContext context = run(SenderApplication.class, relayArgs)) {
				assertThat(System.getProperty(STREAM_PROVIDER)).isEqualTo(MailStreamProvider.class.getName());
				named = send(context);
			}
			List<QueuedMessage> received = relay.getMessages();
			assertThat(received).hasSize(2).allSatisfy((message) -> {
				assertThat(message.from()).isEqualTo(WireMessage.FROM);
				assertThat(message.recipients()).isEqualTo(WireMessage.RECIPIENTS);
			});
			// each arrived as Jakarta Mail writes it
			assertThat(WireMessage.bytewise(WireMessage.ownData(received.get(0))))
				.isEqualTo(WireMessage.bytewise(lookedUp));
			assertThat(WireMessage.bytewise(WireMessage.ownData(received.get(1))))
				.isEqualTo(WireMessage.bytewise(named));
			// two builds differ only in their random MIME boundaries
			assertThat(WireMessage.leafParts(WireMessage.ownData(received.get(1)))).hasSize(4)
				.isEqualTo(WireMessage.leafParts(WireMessage.ownData(received.get(0))));
			assertThat(WireMessage.withNumberedBoundaries(WireMessage.ownData(received.get(1))))
				.isEqualTo(WireMessage.withNumberedBoundaries(WireMessage.ownData(received.get(0))));
		}
	}

	@Test
	void providerTheApplicationNamedIsKeptAndWritesTheMessagesTheStarterSends() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			System.setProperty(STREAM_PROVIDER, CountingStreamProvider.class.getName());
			try (ConfigurableApplicationContext context = run(SenderApplication.class, relayArgs(relay))) {
				assertThat(System.getProperty(STREAM_PROVIDER)).isEqualTo(CountingStreamProvider.class.getName());
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				MimeMessage message = sender.createMimeMessage();
				fill(message);
				CountingStreamProvider.encoders.set(0);
				sender.send(message);
				// the parts were encoded on their way to the relay
				// by the application's provider
				assertThat(CountingStreamProvider.encoders).hasPositiveValue();
				assertThat(WireMessage.bytewise(WireMessage.ownData(relay.getMessages().get(0))))
					.isEqualTo(WireMessage.bytewise(WireMessage.data(message)));
			}
			assertThat(System.getProperty(STREAM_PROVIDER)).isEqualTo(CountingStreamProvider.class.getName());
		}
	}

	@Test
	void optOutInTheApplicationsConfigFileLeavesTheProviderUnnamed(@TempDir Path config) throws IOException {
		Files.writeString(config.resolve("application.properties"), "infobip.smtp.name-stream-provider=false\n");
		run(BareApplication.class, "--spring.config.additional-location=file:" + config.toAbsolutePath() + "/").close();
		assertThat(System.getProperty(STREAM_PROVIDER)).isNull();
	}

	private static byte[] send(ConfigurableApplicationContext context) {
		InfobipMailSender sender = context.getBean(InfobipMailSender.class);
		MimeMessage message = sender.createMimeMessage();
		fill(message);
		sender.send(message);
		// as written in the same JVM state
		return WireMessage.data(message);
	}

	private static void fill(MimeMessage message) {
		try {
			WireMessage.fill(message);
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String[] relayArgs(SmtpTestRelay relay) {
		return Stream.of(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.map((property) -> "--" + property)
			.toArray(String[]::new);
	}

	private static String[] with(String[] args, String arg) {
		return Stream.concat(Stream.of(args), Stream.of(arg)).toArray(String[]::new);
	}

	private static ConfigurableApplicationContext run(Class<?> source, String... args) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class BareApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, InfobipSmtpAutoConfiguration.class })
	static class SenderApplication {

	}

	/**
	 * An application's own provider, which counts the encoders it hands out.
	 */
	public static class CountingStreamProvider extends MailStreamProvider {

		static final AtomicInteger encoders = new AtomicInteger();

		@Override
		public OutputStream outputBase64(OutputStream out) {
			encoders.incrementAndGet();
			return super.outputBase64(out);
		}

		@Override
		public OutputStream outputQP(OutputStream out) {
			encoders.incrementAndGet();
			return super.outputQP(out);
		}

	}

}

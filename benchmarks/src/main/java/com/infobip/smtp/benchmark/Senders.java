/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import com.infobip.smtp.InfobipMailSender;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.mailer.MailerBuilder;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The senders compared, all to the same relay with the same trust (the relay's CA only,
 * host name verified), the same timeouts (connect 10 s, read and write 30 s) and called
 * from the same threads.
 */
final class Senders {

	static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	static final int TIMEOUT_MILLIS = 30_000;

	private Senders() {
	}

	/**
	 * One sender under test.
	 */
	interface Sender extends AutoCloseable {

		/**
		 * Called before each timed run, untimed.
		 */
		default void prepare(Workload workload, int threads) throws Exception {
		}

		/**
		 * Build message {@code i} of the workload and send it, on sending thread
		 * {@code thread}.
		 */
		void send(Workload workload, int thread, int i) throws Exception;

		/**
		 * Called after each timed run, untimed.
		 */
		default void finish() throws Exception {
		}

		@Override
		void close() throws Exception;

	}

	static Sender create(String name, int port, Path caPem, int threads) throws Exception {
		return switch (name) {
			case "stock" -> new StockSender(port, caPem);
			case "sjm" -> new SimpleJavaMailSender(port, caPem, threads);
			case "infobip" -> new InfobipSender(port, caPem, threads);
			case "infobip-noop" -> new InfobipSender(port, caPem, threads, NoopObservations.class);
			case "ceiling" -> new CeilingSender(port, caPem);
			default -> throw new IllegalArgumentException(name);
		};
	}

	static String label(String name) {
		return switch (name) {
			case "stock" -> "stock JavaMailSenderImpl";
			case "sjm" -> "Simple Java Mail (pool)";
			case "infobip" -> "InfobipMailSender";
			case "infobip-noop" -> "InfobipMailSender, NOOP";
			case "ceiling" -> "ceiling (pre-serialized)";
			case "outbox" -> "outbox, end to end";
			case "drain" -> "outbox, backlog drain";
			default -> name;
		};
	}

	static SSLSocketFactory trusting(Path caPem) throws IOException, GeneralSecurityException {
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		try (InputStream in = Files.newInputStream(caPem)) {
			trustStore.setCertificateEntry("relay-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trustStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context.getSocketFactory();
	}

	static ConfigurableApplicationContext start(String... properties) {
		return start(MailSenderBenchmark.class, properties);
	}

	private static ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		return new SpringApplicationBuilder(MailSenderBenchmark.class, configuration).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=WARN")
			.properties(properties)
			.run();
	}

	/**
	 * InfobipMailSender's properties: the relay, its trust, a pool of one connection per
	 * thread.
	 */
	static List<String> infobipProperties(int port, Path caPem, int threads) {
		return List.of("infobip.smtp.host=localhost", "infobip.smtp.port=" + port, "infobip.smtp.security=STARTTLS",
				"infobip.smtp.api-key=" + RelayProcess.API_KEY, "infobip.smtp.ssl.bundle=relay",
				"infobip.smtp.pool.max-connections=" + threads, relayTrust(caPem));
	}

	private static String relayTrust(Path caPem) {
		return "spring.ssl.bundle.pem.relay.truststore.certificate=file:" + caPem.toAbsolutePath();
	}

	/**
	 * Spring Boot's own mail sender as {@code spring.mail.*} configures it: a
	 * JavaMailSenderImpl, one connection per message.
	 */
	static final class StockSender implements Sender {

		private final ConfigurableApplicationContext context;

		private final JavaMailSender sender;

		StockSender(int port, Path caPem) {
			this.context = start("infobip.smtp.enabled=false", "spring.mail.host=localhost", "spring.mail.port=" + port,
					"spring.mail.username=" + RelayProcess.USERNAME, "spring.mail.password=" + RelayProcess.API_KEY,
					"spring.mail.ssl.bundle=relay", "spring.mail.properties[mail.smtp.auth]=true",
					"spring.mail.properties[mail.smtp.starttls.enable]=true",
					"spring.mail.properties[mail.smtp.starttls.required]=true",
					"spring.mail.properties[mail.smtp.ssl.checkserveridentity]=true",
					"spring.mail.properties[mail.smtp.connectiontimeout]=" + CONNECT_TIMEOUT_MILLIS,
					"spring.mail.properties[mail.smtp.timeout]=" + TIMEOUT_MILLIS,
					"spring.mail.properties[mail.smtp.writetimeout]=" + TIMEOUT_MILLIS, relayTrust(caPem));
			this.sender = this.context.getBean(JavaMailSenderImpl.class);
		}

		@Override
		public void send(Workload workload, int thread, int i) throws Exception {
			this.sender.send(workload.build(this.sender.createMimeMessage(), i, false));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * InfobipMailSender with its defaults, its pool as large as the number of threads.
	 */
	static final class InfobipSender implements Sender {

		private final ConfigurableApplicationContext context;

		private final InfobipMailSender sender;

		InfobipSender(int port, Path caPem, int threads) {
			this(port, caPem, threads, MailSenderBenchmark.class);
		}

		/**
		 * With one more configuration class, such as {@link NoopObservations}.
		 */
		InfobipSender(int port, Path caPem, int threads, Class<?> configuration) {
			this.context = start(configuration, infobipProperties(port, caPem, threads).toArray(String[]::new));
			this.sender = this.context.getBean(InfobipMailSender.class);
		}

		InfobipMailSender sender() {
			return this.sender;
		}

		@Override
		public void send(Workload workload, int thread, int i) throws Exception {
			this.sender.send(workload.build(this.sender.createMimeMessage(), i, true));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * The application's observation registry is {@code ObservationRegistry.NOOP}: what a
	 * send costs without Micrometer's handlers, against the registry Spring Boot's
	 * Actuator configures.
	 */
	@Configuration(proxyBeanMethods = false)
	static class NoopObservations {

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.NOOP;
		}

	}

	/**
	 * Simple Java Mail with the batch module's connection pool, as many connections as
	 * threads, blocking sends from the benchmark's threads.
	 */
	static final class SimpleJavaMailSender implements Sender {

		private final Mailer mailer;

		SimpleJavaMailSender(int port, Path caPem, int threads) throws Exception {
			this.mailer = MailerBuilder.withSMTPServer("localhost", port, RelayProcess.USERNAME, RelayProcess.API_KEY)
				.withTransportStrategy(TransportStrategy.SMTP_TLS)
				.verifyingServerIdentity(true)
				.withSessionTimeout(TIMEOUT_MILLIS)
				.withProperty("mail.smtp.connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS))
				// Simple Java Mail trusts every host by default:
				// the relay's CA only instead
				.trustingAllHosts(false)
				.withCustomSSLFactoryInstance(trusting(caPem))
				.withConnectionPoolCoreSize(threads)
				.withConnectionPoolMaxSize(threads)
				.withThreadPoolSize(threads)
				.buildMailer();
		}

		@Override
		public void send(Workload workload, int thread, int i) {
			this.mailer.sendMail(workload.buildEmail(i), false).join();
		}

		@Override
		public void close() throws Exception {
			this.mailer.shutdownConnectionPool().get();
		}

	}

	/**
	 * Not a sender: the same messages serialized once before the run, written over as
	 * many reused, authenticated connections as threads with Angus Mail's SMTPTransport.
	 * What no sender building and checking its messages can beat.
	 */
	static final class CeilingSender implements Sender {

		private static final int DISTINCT_MESSAGES = 32;

		private final Session session;

		private final List<MimeMessage> messages = new ArrayList<>();

		private final List<Address[]> recipients = new ArrayList<>();

		private final List<Transport> transports = new ArrayList<>();

		CeilingSender(int port, Path caPem) throws Exception {
			Properties properties = new Properties();
			properties.put("mail.smtp.host", "localhost");
			properties.put("mail.smtp.port", String.valueOf(port));
			properties.put("mail.smtp.auth", "true");
			properties.put("mail.smtp.starttls.enable", "true");
			properties.put("mail.smtp.starttls.required", "true");
			properties.put("mail.smtp.ssl.checkserveridentity", "true");
			properties.put("mail.smtp.ssl.socketFactory", trusting(caPem));
			properties.put("mail.smtp.connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS));
			properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MILLIS));
			properties.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MILLIS));
			properties.put("mail.smtp.quitwait", "false");
			this.session = Session.getInstance(properties);
		}

		@Override
		public void prepare(Workload workload, int threads) throws Exception {
			this.messages.clear();
			this.recipients.clear();
			for (int i = 0; i < DISTINCT_MESSAGES; i++) {
				MimeMessage built = workload.build(new MimeMessage(this.session), i, false);
				built.saveChanges();
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				built.writeTo(bytes);
				// parsed and unchanged: written out as the same
				// bytes, nothing encoded again
				this.messages.add(new MimeMessage(this.session, new ByteArrayInputStream(bytes.toByteArray())));
				this.recipients.add(built.getAllRecipients());
			}
			for (int t = 0; t < threads; t++) {
				Transport transport = this.session.getTransport("smtp");
				transport.connect(RelayProcess.USERNAME, RelayProcess.API_KEY);
				this.transports.add(transport);
			}
		}

		@Override
		public void send(Workload workload, int thread, int i) throws Exception {
			int index = i % DISTINCT_MESSAGES;
			this.transports.get(thread).sendMessage(this.messages.get(index), this.recipients.get(index));
		}

		@Override
		public void finish() throws Exception {
			for (Transport transport : this.transports) {
				transport.close();
			}
			this.transports.clear();
		}

		@Override
		public void close() throws Exception {
			finish();
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.List;

import com.infobip.smtp.InfobipDefaultHeadersPostProcessor;
import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipMailSenderBuilderCustomizer;
import com.infobip.smtp.InfobipMessagePostProcessor;
import com.infobip.smtp.InfobipRegion;
import com.infobip.smtp.InvalidMessageException;
import com.infobip.smtp.SmtpConnectionSettings;
import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.relay.TestCertificates;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class InfobipSmtpAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InfobipSmtpAutoConfiguration.class, MailSenderAutoConfiguration.class,
				SslAutoConfiguration.class));

	@Test
	void senderIsCreatedWithApiKeyAuthenticatingAsApp() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=key-1").run((context) -> {
			assertThat(context).hasSingleBean(InfobipMailSender.class).hasSingleBean(JavaMailSender.class);
			assertThat(context).hasBean("infobipMailSender");
			SmtpConnectionSettings settings = context.getBean(InfobipMailSender.class).getConnectionSettings();
			assertThat(settings.host()).isEqualTo("smtp-api.infobip.com");
			assertThat(settings.port()).isEqualTo(587);
			assertThat(settings.security()).isEqualTo(SmtpSecurity.STARTTLS);
			assertThat(settings.username()).isEqualTo("App");
			assertThat(settings.password()).isEqualTo("key-1");
		});
	}

	@Test
	void senderUsesAccountCredentials() {
		this.contextRunner.withPropertyValues("infobip.smtp.username=shop", "infobip.smtp.password=pw")
			.run((context) -> {
				SmtpConnectionSettings settings = context.getBean(InfobipMailSender.class).getConnectionSettings();
				assertThat(settings.username()).isEqualTo("shop");
				assertThat(settings.password()).isEqualTo("pw");
			});
	}

	@ParameterizedTest
	@CsvSource({ "FRANKFURT, smtp-api.infobip.com", "USA, smtp-api-us.infobip.com", "INDIA, smtp-api-mum.infobip.com",
			"INDONESIA, smtp-api-id.infobip.com", "MENA, smtp-api-ae2.infobip.com",
			"PAKISTAN, smtp-api-pk2.infobip.com", "TURKEY, smtp-api-tr1.infobip.com",
			"SAUDI_ARABIA, smtp-api-sa2.infobip.com", "QATAR, smtp-api-qa1.infobip.com",
			"EU, smtp-api-eu.infobip.com" })
	void regionSelectsItsHost(InfobipRegion region, String host) {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.region=" + region)
			.run((context) -> assertThat(context.getBean(InfobipMailSender.class).getConnectionSettings().host())
				.isEqualTo(host));
	}

	@Test
	void port465ImpliesTls() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.port=465")
			.run((context) -> assertThat(context.getBean(InfobipMailSender.class).getConnectionSettings().security())
				.isEqualTo(SmtpSecurity.TLS));
	}

	@Test
	void hostOverridesRegionAndAllowsAnyPort() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.region=MENA", "infobip.smtp.host=relay.local",
					"infobip.smtp.port=2525", "infobip.smtp.security=TLS")
			.run((context) -> {
				SmtpConnectionSettings settings = context.getBean(InfobipMailSender.class).getConnectionSettings();
				assertThat(settings.host()).isEqualTo("relay.local");
				assertThat(settings.port()).isEqualTo(2525);
				assertThat(settings.security()).isEqualTo(SmtpSecurity.TLS);
			});
	}

	@Test
	void bootMailSenderBacksOffEvenWithSpringMailHost() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "spring.mail.host=smtp.example.com")
			.run((context) -> {
				assertThat(context).hasSingleBean(JavaMailSender.class);
				assertThat(context).doesNotHaveBean(JavaMailSenderImpl.class);
			});
	}

	@Test
	void nothingIsCreatedWhenDisabled() {
		this.contextRunner.withPropertyValues("infobip.smtp.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipMailSender.class)
				.doesNotHaveBean(InfobipDefaultHeadersPostProcessor.class)
				.doesNotHaveBean(InfobipSmtpProperties.class);
		});
	}

	@Test
	void backsOffWhenUserDefinesJavaMailSender() {
		this.contextRunner.withUserConfiguration(UserJavaMailSenderConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(JavaMailSender.class).hasBean("userMailSender");
			assertThat(context).doesNotHaveBean(InfobipMailSender.class);
		});
	}

	@Test
	void backsOffWhenUserDefinesAPlainMailSender() {
		this.contextRunner.withUserConfiguration(UserMailSenderConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(MailSender.class).hasBean("userPlainMailSender");
			assertThat(context).doesNotHaveBean(InfobipMailSender.class);
		});
	}

	@Test
	void warnsOnceThatSpringMailHostIsIgnored(CapturedOutput output) {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "spring.mail.host=smtp.example.com")
			.run((context) -> {
				assertThat(context).hasSingleBean(InfobipMailSender.class);
				assertThat(output).containsOnlyOnce("spring.mail.host is set but not used")
					.contains("smtp-api.infobip.com:587")
					.contains("infobip.smtp.enabled=false");
			});
	}

	@Test
	void doesNotWarnWithoutSpringMailHost(CapturedOutput output) {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k")
			.run((context) -> assertThat(output).doesNotContain("spring.mail.host"));
	}

	@Test
	void builderCustomizersChangeTheSenderAndKeepTheStartersWiring() {
		this.contextRunner.withUserConfiguration(BuilderCustomizerConfiguration.class)
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.max-message-size=1MB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				assertThat(context.getBean(BuilderCustomizerConfiguration.class).order).containsExactly("first",
						"second");
				// the customizer's limit wins over the property; nothing is sent
				SimpleMailMessage message = new SimpleMailMessage();
				message.setFrom("shop@example.com");
				message.setTo("user@example.com");
				message.setText("x".repeat(200));
				assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> sender.send(message))
					.withMessageContaining("larger than");
				assertThat(sender.isRunning()).isTrue();
				assertThat(sender.getConnectionUsage()).isNotNull();
			});
	}

	@Test
	void backsOffWhenUserDefinesInfobipMailSender() {
		this.contextRunner.withUserConfiguration(UserInfobipMailSenderConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(InfobipMailSender.class).hasBean("userInfobipMailSender");
		});
	}

	@Test
	void backsOffWithoutJakartaMail() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MimeMessage.class))
			.withPropertyValues("infobip.smtp.api-key=k")
			.run((context) -> assertThat(context).doesNotHaveBean(InfobipMailSender.class));
	}

	@Test
	void userPostProcessorsRunBeforeTheDefaultHeaders() {
		this.contextRunner.withUserConfiguration(PostProcessorConfiguration.class)
			.withPropertyValues("infobip.smtp.api-key=k")
			.run((context) -> {
				ObjectProvider<InfobipMessagePostProcessor> provider = context
					.getBeanProvider(InfobipMessagePostProcessor.class);
				List<InfobipMessagePostProcessor> ordered = provider.orderedStream().toList();
				assertThat(ordered).hasSize(2);
				assertThat(ordered.get(1)).isInstanceOf(InfobipDefaultHeadersPostProcessor.class);
			});
	}

	@Test
	void defaultHeadersComeFromProperties() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.tracking-url=https://app.example.com/track",
					"infobip.smtp.notify-url=https://app.example.com/dlr",
					"infobip.smtp.notify-content-type=application/xml", "infobip.smtp.intermediate-report=true",
					"infobip.smtp.callback-data=tenant-7")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.TRACKING_URL, "https://app.example.com/track")
				.containsEntry(InfobipHeaders.NOTIFY_URL, "https://app.example.com/dlr")
				.containsEntry(InfobipHeaders.NOTIFY_CONTENT_TYPE, "application/xml")
				.containsEntry(InfobipHeaders.INTERMEDIATE_REPORT, "true")
				.containsEntry(InfobipHeaders.CALLBACK_DATA, "tenant-7")
				.doesNotContainKey(InfobipHeaders.BULK_ID));
	}

	@Test
	void failsWithoutCredentials() {
		this.contextRunner.run((context) -> assertStartupFailure(context, "No Infobip SMTP credentials",
				"Set infobip.smtp.api-key (authenticates as user 'App'), or set infobip.smtp.username and infobip.smtp.password."));
	}

	@Test
	void failsWithBlankApiKey() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key= ")
			.run((context) -> assertStartupFailure(context, "No Infobip SMTP credentials", "infobip.smtp.api-key"));
	}

	@Test
	void failsWithBothWaysToAuthenticate() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.username=u", "infobip.smtp.password=p")
			.run((context) -> assertStartupFailure(context, "exactly one way to authenticate",
					"Remove either infobip.smtp.api-key or infobip.smtp.username and infobip.smtp.password."));
	}

	@Test
	void failsWithUsernameButNoPassword() {
		this.contextRunner.withPropertyValues("infobip.smtp.username=u")
			.run((context) -> assertStartupFailure(context, "infobip.smtp.password is not set",
					"Set infobip.smtp.password"));
	}

	@Test
	void failsWithPortTheRegionDoesNotServe() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.region=MENA", "infobip.smtp.port=465")
			.run((context) -> assertStartupFailure(context,
					"Infobip region MENA (smtp-api-ae2.infobip.com) does not serve port 465; it serves 587.",
					"Set infobip.smtp.port to one of 587, or set infobip.smtp.host to use another relay."));
	}

	@Test
	void failsWithPortNoRegionServes() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.port=2525")
			.run((context) -> assertStartupFailure(context, "does not serve port 2525; it serves 587, 465, 25.",
					"infobip.smtp.port"));
	}

	@Test
	void failsWithSecurityThatDoesNotMatchTheRegionPort() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.security=TLS")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.security=TLS does not match port 587 of smtp-api.infobip.com, which uses STARTTLS.",
					"Remove infobip.smtp.security"));
	}

	@Test
	void failsWithRelativeNotifyUrl() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.notify-url=/dlr")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.notify-url is invalid: Header X-IB-notify-url must be an absolute http or https URL",
					"Fix infobip.smtp.notify-url"));
	}

	@Test
	void failsWithNonHttpTrackingUrl() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.tracking-url=ftp://x.example/t")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.tracking-url is invalid: Header X-IB-tracking-url must be an absolute http or https URL",
					"Fix infobip.smtp.tracking-url"));
	}

	@Test
	void urlsWithCharactersAUrlDoesNotAllowAreEncodedAsSpringsUriEditorDoes() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k",
					"infobip.smtp.notify-url= https://app.example.com/dlr?token=a b|c ",
					"infobip.smtp.tracking-url=https://app.example.com/track?token=50%#top#2")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.NOTIFY_URL, "https://app.example.com/dlr?token=a%20b%7Cc")
				.containsEntry(InfobipHeaders.TRACKING_URL, "https://app.example.com/track?token=50%25#top%232"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"notify-url | ://shop.example.com/infobip/smtp/delivery-reports?token=s3cr3t-t0ken | ://shop.example.com/infobip/smtp/delivery-reports?token=******",
			"notify-url | https://[shop.example.com]/dlr?tenant=7&token=s3cr3t-t0ken | https://[shop.example.com]/dlr?tenant=******&token=******",
			"notify-url | https://hooks:s3cr3t-t0ken@[shop.example.com]/dlr | https://******@[shop.example.com]/dlr",
			"tracking-url | ://shop.example.com/infobip/smtp/tracking?token=s3cr3t-t0ken#top | ://shop.example.com/infobip/smtp/tracking?token=******#******",
			"tracking-url | ://shop.example.com/t?s3cr3t-t0ken | ://shop.example.com/t?******" })
	void malformedUrlFailsTheStartWithoutItsSecrets(String property, String url, String masked, CapturedOutput output) {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp." + property + "=" + url)
			.run((context) -> {
				StartupFailures.assertNeverShows(context, "s3cr3t-t0ken");
				assertStartupFailure(context, "infobip.smtp." + property + " is not a valid URL",
						"infobip.smtp." + property);
				assertThat(findCause(context.getStartupFailure()).getDescription()).contains(masked);
			});
		assertThat(output).doesNotContain("s3cr3t-t0ken");
	}

	@Test
	void failsWithLineBreakInCallbackData() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k",
					"infobip.smtp.callback-data=tenant-7\r\nBcc: victim@example.com")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.callback-data is invalid: Header X-IB-callback-data must be a single line",
					"Fix infobip.smtp.callback-data"));
	}

	@Test
	void failsWithUnsupportedNotifyContentType() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.notify-content-type=text/plain")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(stackTraceOf(context.getStartupFailure()))
					.contains("Failed to bind properties under 'infobip.smtp.notify-content-type'");
			});
	}

	@Test
	void failsWithInvalidDefaultFrom() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.default-from=not an address")
			.run((context) -> assertStartupFailure(context, "infobip.smtp.default-from is not a valid email address",
					"Set infobip.smtp.default-from"));
	}

	@Test
	void failsWithDefaultFromOutsideAllowedDomains() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.default-from=shop@other.example",
					"infobip.smtp.allowed-sender-domains=example.com")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.default-from uses domain 'other.example', which is not in infobip.smtp.allowed-sender-domains [example.com].",
					"Add 'other.example' to infobip.smtp.allowed-sender-domains"));
	}

	@Test
	void failsWithDefaultFromThatCannotBeAnEnvelopeSender() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.default-from=Čeněk <čeněk@example.com>")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.default-from cannot be sent as an envelope sender: it has a non-ASCII local part",
					"Set infobip.smtp.default-from to an address with an ASCII local part"));
	}

	@Test
	void internationalizedAllowedSenderDomainIsComparedAsItsALabel() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.default-from=shop@xn--bcher-kva.example",
					"infobip.smtp.allowed-sender-domains=Bücher.example")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsWithAllowedSenderDomainThatIsNotADomain() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k",
					"infobip.smtp.allowed-sender-domains=example.com,exa mple.com")
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.allowed-sender-domains contains 'exa mple.com', which is not a domain.",
					"List domains only"));
	}

	@Test
	void failsWithUnknownSslBundle() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.ssl.bundle=missing")
			.run((context) -> assertStartupFailure(context, "infobip.smtp.ssl.bundle=missing names no SSL bundle.",
					"Define spring.ssl.bundle.jks.missing or spring.ssl.bundle.pem.missing"));
	}

	@Test
	void settingsOfferOnlyTls13AndTls12WithoutAnSslBundle() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k").run((context) -> {
			SmtpConnectionSettings settings = context.getBean(InfobipMailSender.class).getConnectionSettings();
			assertThat(settings.tlsProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
			assertThat(settings.tlsCipherSuites()).isEmpty();
		});
	}

	@Test
	void settingsCarryTheSslBundleOptions() {
		this.contextRunner
			.withPropertyValues(sslBundle("options.enabled-protocols=TLSv1.2",
					"options.ciphers=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
			.run((context) -> {
				SmtpConnectionSettings settings = context.getBean(InfobipMailSender.class).getConnectionSettings();
				assertThat(settings.tlsProtocols()).containsExactly("TLSv1.2");
				assertThat(settings.tlsCipherSuites()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
				assertThat(settings.toString()).contains("tlsProtocols=[TLSv1.2]");
			});
	}

	@ParameterizedTest
	@CsvSource({ "'TLSv1.2,TLSv1.1', TLSv1.1", "'TLSv1.3,TLSv1', TLSv1", "SSLv3, SSLv3",
			"'TLSv1.3,TLSv1.2,SSLv2Hello', SSLv2Hello" })
	void failsWithSslBundleEnablingAVersionBelowTls12(String enabled, String below) {
		this.contextRunner.withPropertyValues(sslBundle("options.enabled-protocols=" + enabled))
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.ssl.bundle=relay enables " + below
							+ " in the bundle's options.enabled-protocols; the starter requires TLSv1.2 or later.",
					"Remove " + below
							+ " from spring.ssl.bundle.pem.relay.options.enabled-protocols (or spring.ssl.bundle.jks.relay.options.enabled-protocols)"));
	}

	@Test
	void failsWithSslBundleEnablingAVersionTheJvmDoesNotSupport() {
		this.contextRunner.withPropertyValues(sslBundle("options.enabled-protocols=TLSv1.3,TLSv9"))
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.ssl.bundle=relay enables TLSv9 in the bundle's options.enabled-protocols, which this JVM does not support",
					"spring.ssl.bundle.pem.relay.options.enabled-protocols"));
	}

	@Test
	void failsWithSslBundleEnablingACipherSuiteTheJvmDoesNotSupport() {
		this.contextRunner.withPropertyValues(sslBundle("options.ciphers=TLS_AES_128_GCM_SHA256,NO_SUCH_CIPHER"))
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.ssl.bundle=relay enables NO_SUCH_CIPHER in the bundle's options.ciphers, which this JVM does not support",
					"spring.ssl.bundle.pem.relay.options.ciphers"));
	}

	@Test
	void failsWithSslBundleWhoseCipherSuitesSuitNoEnabledVersion() {
		// a TLS 1.2 suite with TLS 1.3 only: no handshake could ever start
		this.contextRunner
			.withPropertyValues(sslBundle("options.enabled-protocols=TLSv1.3",
					"options.ciphers=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
			.run((context) -> assertStartupFailure(context,
					"infobip.smtp.ssl.bundle=relay enables no cipher suite that any of its TLS versions (TLSv1.3) can use",
					"spring.ssl.bundle.pem.relay.options.ciphers"));
	}

	@Test
	void failsWithNonPositiveTimeout() {
		this.contextRunner.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.timeout=0s")
			.run((context) -> assertStartupFailure(context, "infobip.smtp.timeout=PT0S is not positive.",
					"Set infobip.smtp.timeout"));
	}

	@Test
	void startupFailureNeverShowsTheSecret() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=very-secret-key", "infobip.smtp.username=u",
					"infobip.smtp.password=very-secret-password")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(stackTraceOf(context.getStartupFailure())).doesNotContain("very-secret");
			});
	}

	@Test
	void testConnectionFailsTheStartWhenTheRelayIsUnreachable() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.api-key=k", "infobip.smtp.host=127.0.0.1", "infobip.smtp.port=1",
					"infobip.smtp.test-connection=true", "infobip.smtp.connection-timeout=2s")
			.run((context) -> assertStartupFailure(context,
					"Could not connect to and authenticate with the Infobip SMTP relay 127.0.0.1:1 (STARTTLS)",
					"set infobip.smtp.test-connection=false"));
	}

	private static String[] sslBundle(String... options) {
		List<String> properties = new java.util.ArrayList<>(List.of("infobip.smtp.api-key=k",
				"infobip.smtp.ssl.bundle=relay",
				"spring.ssl.bundle.pem.relay.truststore.certificate=" + TestCertificates.TRUSTED_CA.getPemLocation()));
		for (String option : options) {
			properties.add("spring.ssl.bundle.pem.relay." + option);
		}
		return properties.toArray(String[]::new);
	}

	private void assertStartupFailure(AssertableApplicationContext context, String description, String action) {
		assertThat(context).hasFailed();
		InfobipSmtpConfigurationException cause = findCause(context.getStartupFailure());
		assertThat(cause).as("startup failure caused by InfobipSmtpConfigurationException").isNotNull();
		assertThat(cause.getDescription()).contains(description);
		assertThat(cause.getAction()).contains(action);
		FailureAnalysis analysis = new InfobipSmtpConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis.getDescription()).isEqualTo(cause.getDescription());
		assertThat(analysis.getAction()).isEqualTo(cause.getAction());
	}

	private static InfobipSmtpConfigurationException findCause(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof InfobipSmtpConfigurationException configurationException) {
				return configurationException;
			}
		}
		return null;
	}

	private static String stackTraceOf(Throwable failure) {
		java.io.StringWriter writer = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(writer));
		return writer.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserJavaMailSenderConfiguration {

		@Bean
		JavaMailSender userMailSender() {
			return new JavaMailSenderImpl();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMailSenderConfiguration {

		@Bean
		MailSender userPlainMailSender() {
			return (SimpleMailMessage... messages) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInfobipMailSenderConfiguration {

		@Bean
		InfobipMailSender userInfobipMailSender() {
			return InfobipMailSender
				.builder(new SmtpConnectionSettings("relay.local", 587, SmtpSecurity.STARTTLS, "App", "k", null, null,
						List.of(), List.of(), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
						java.time.Duration.ofSeconds(1)))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderCustomizerConfiguration {

		final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		InfobipMailSenderBuilderCustomizer secondCustomizer() {
			return (builder) -> {
				this.order.add("second");
				builder.maxMessageSize(100);
			};
		}

		@Bean
		@Order(1)
		InfobipMailSenderBuilderCustomizer firstCustomizer() {
			return (builder) -> this.order.add("first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PostProcessorConfiguration {

		@Bean
		@Order(0)
		InfobipMessagePostProcessor userPostProcessor() {
			return (message) -> message.setHeader(InfobipHeaders.BULK_ID, "from-user");
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.InfobipDefaultHeadersPostProcessor;
import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.webhook.InfobipWebhookDeduplication;
import com.infobip.smtp.webhook.InfobipWebhookHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.xml.XmlMapper;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class InfobipSmtpWebhookAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(InfobipSmtpAutoConfiguration.class, InfobipSmtpWebhookAutoConfiguration.class))
		.withPropertyValues("infobip.smtp.api-key=k");

	private final ApplicationContextRunner nonWebContextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(InfobipSmtpAutoConfiguration.class, InfobipSmtpWebhookAutoConfiguration.class))
		.withPropertyValues("infobip.smtp.api-key=k");

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InfobipWebhookHandler.class).doesNotHaveBean(RouterFunction.class);
		});
	}

	@Test
	void enabledWithATokenServesTheEndpoints() {
		this.contextRunner.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t")
			.run((context) -> {
				assertThat(context).hasSingleBean(InfobipWebhookHandler.class);
				assertThat(context.getBean("infobipWebhookRoutes").toString())
					.contains("/infobip/smtp/delivery-reports")
					.contains("/infobip/smtp/tracking");
			});
	}

	@Test
	void enabledWithoutCredentialsFailsSayingWhatToSet() {
		this.contextRunner.withPropertyValues("infobip.smtp.webhook.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InfobipSmtpConfigurationException.class)
				.hasMessageContaining("Set infobip.smtp.webhook.token")
				.hasMessageContaining("infobip.smtp.webhook.username and infobip.smtp.webhook.password");
		});
	}

	@Test
	void publicBaseUrlWithBasicCredentialsDerivesUrlsWithUserInfo() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.username=infobip",
					"infobip.smtp.webhook.password=p@ss", "infobip.smtp.webhook.path=/hooks/",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.NOTIFY_URL,
						"https://infobip:p%40ss@shop.example.com/hooks/delivery-reports")
				.containsEntry(InfobipHeaders.TRACKING_URL, "https://infobip:p%40ss@shop.example.com/hooks/tracking"));
	}

	@Test
	void publicUrlsEscapeEveryCharacterOfTheTokenThatHasAMeaningInAUrl() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=a b+c&d=e/\u00e9#?",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.NOTIFY_URL,
						"https://shop.example.com/infobip/smtp/delivery-reports?token=a%20b%2Bc%26d%3De%2F%C3%A9%23%3F"));
	}

	@Test
	void publicUrlsEscapeTheBasicCredentialsAsUserInfo() {
		// a space written as '+' would reach Infobip as a plus sign
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.username=info bip",
					"infobip.smtp.webhook.password=p ss:w@rd",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.NOTIFY_URL,
						"https://info%20bip:p%20ss%3Aw%40rd@shop.example.com/infobip/smtp/delivery-reports"));
	}

	@Test
	void publicBaseUrlWithAQueryKeepsItAndTheTokenIsAddedToIt() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com/app?tenant=7")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.NOTIFY_URL,
						"https://shop.example.com/app/infobip/smtp/delivery-reports?tenant=7&token=t")
				.containsEntry(InfobipHeaders.TRACKING_URL,
						"https://shop.example.com/app/infobip/smtp/tracking?tenant=7&token=t"));
	}

	@Test
	void publicBaseUrlWithUserInfoGetsTheBasicCredentialsInstead() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.username=infobip",
					"infobip.smtp.webhook.password=pw",
					"infobip.smtp.webhook.public-base-url=https://proxy:secret@shop.example.com/")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.NOTIFY_URL,
						"https://infobip:pw@shop.example.com/infobip/smtp/delivery-reports"));
	}

	@Test
	void configuredUrlsWinOverDerivedOnes() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com",
					"infobip.smtp.notify-url=https://other.example.com/dlr")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.containsEntry(InfobipHeaders.NOTIFY_URL, "https://other.example.com/dlr")
				.containsEntry(InfobipHeaders.TRACKING_URL, "https://shop.example.com/infobip/smtp/tracking?token=t"));
	}

	@Test
	void blankPublicBaseUrlDerivesNothing() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.doesNotContainKeys(InfobipHeaders.NOTIFY_URL, InfobipHeaders.TRACKING_URL));
	}

	@Test
	void relativePublicBaseUrlFailsTheStart() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=shop")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"infobip.smtp.webhook.public-base-url=shop is not an absolute http or https URL."));
	}

	@Test
	void malformedPublicBaseUrlFailsTheStartWithoutItsUserInfo() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=https://proxy:s3cr3t-pa55@[shop.example.com]")
			.run((context) -> {
				StartupFailures.assertNeverShows(context, "s3cr3t-pa55");
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("infobip.smtp.webhook.public-base-url is not a valid URL")
					.hasMessageContaining("https://******@[shop.example.com]");
			});
	}

	@Test
	void publicBaseUrlThatIsNotHttpFailsTheStartWithoutItsUserInfo() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=ftp://proxy:s3cr3t-pa55@shop.example.com")
			.run((context) -> {
				StartupFailures.assertNeverShows(context, "s3cr3t-pa55");
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(
							"infobip.smtp.webhook.public-base-url=ftp://******@shop.example.com is not an absolute http or https URL.");
			});
	}

	@Test
	void webhookPathThatIsNoUrlPathFailsTheStartWithoutTheToken() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=s3cr3t-t0ken",
					"infobip.smtp.webhook.path=/infobip smtp",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com")
			.run((context) -> {
				StartupFailures.assertNeverShows(context, "s3cr3t-t0ken");
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("infobip.smtp.webhook.path=/infobip smtp is not a valid URL path");
			});
	}

	@Test
	void disabledStarterServesNoEndpoints() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.enabled=false", "infobip.smtp.webhook.enabled=true",
					"infobip.smtp.webhook.token=t")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(InfobipWebhookHandler.class).doesNotHaveBean(RouterFunction.class);
			});
	}

	@Test
	void publicBaseUrlDerivesNothingWhileTheWebhookIsDisabled() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RouterFunction.class);
				assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
					.doesNotContainKeys(InfobipHeaders.NOTIFY_URL, InfobipHeaders.TRACKING_URL);
			});
	}

	@Test
	void publicBaseUrlDerivesNothingOutsideAWebApplication() {
		this.nonWebContextRunner
			.withPropertyValues("infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com")
			.run((context) -> assertThat(context.getBean(InfobipDefaultHeadersPostProcessor.class).getDefaults())
				.doesNotContainKeys(InfobipHeaders.NOTIFY_URL, InfobipHeaders.TRACKING_URL));
	}

	@Test
	void enabledOutsideAServletWebApplicationFailsTheStartSayingWhy() {
		this.nonWebContextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.public-base-url=https://shop.example.com")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("infobip.smtp.webhook.enabled=true")
					.contains("not a servlet web application");
				assertThat(analysis.getAction()).contains("spring-boot-starter-webmvc")
					.contains("infobip.smtp.webhook.enabled=false");
			});
	}

	@Test
	void enabledWithoutSpringMvcFailsTheStartSayingWhy() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("infobip.smtp.webhook.enabled=true")
					.contains("Spring MVC");
				assertThat(analysis.getAction()).contains("spring-boot-starter-webmvc");
			});
	}

	@Test
	void enabledOutsideAServletWebApplicationFailsEvenWithLazyInitialization() {
		this.nonWebContextRunner
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("not a servlet web application"));
	}

	@Test
	void nonPositiveMaxResultsPerRequestFailsTheStartSayingWhatToSet() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.max-results-per-request=0")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("infobip.smtp.webhook.max-results-per-request")
					.contains("must be positive");
				assertThat(analysis.getAction()).contains("1000");
			});
	}

	@Test
	void nonPositiveBodyReadTimeoutFailsTheStartSayingWhatToSet() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.body-read-timeout=0s")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("infobip.smtp.webhook.body-read-timeout")
					.contains("must be positive");
				assertThat(analysis.getAction()).contains("10s");
			});
	}

	@Test
	void deduplicationCapacityBelowMaxResultsPerRequestFailsTheStartSayingWhatToSet() {
		this.contextRunner.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
				"infobip.smtp.webhook.max-results-per-request=500", "infobip.smtp.webhook.deduplication-capacity=499")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("infobip.smtp.webhook.deduplication-capacity=499")
					.contains("infobip.smtp.webhook.max-results-per-request=500");
				assertThat(analysis.getAction()).contains("infobip.smtp.webhook.deduplication-capacity")
					.contains("at least 500");
			});
	}

	@Test
	void deduplicationCapacityAtMaxResultsPerRequestStarts() {
		this.contextRunner.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
				"infobip.smtp.webhook.max-results-per-request=500", "infobip.smtp.webhook.deduplication-capacity=500")
			.run((context) -> assertThat(context).hasSingleBean(InfobipWebhookHandler.class));
	}

	@Test
	void deduplicationCapacityIsNotCheckedWhenTheReportsAreRememberedElsewhere() {
		this.contextRunner.withBean(InfobipWebhookDeduplication.class, () -> (key, publication) -> {
			publication.run();
			return true;
		})
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.webhook.deduplication-capacity=10")
			.run((context) -> assertThat(context).hasSingleBean(InfobipWebhookHandler.class));
	}

	@Test
	void xmlDeliveryReportsWithoutJacksonXmlFailTheStartNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(XmlMapper.class))
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.notify-content-type=application/xml")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("infobip.smtp.notify-content-type=application/xml")
					.contains("tools.jackson.dataformat:jackson-dataformat-xml");
				assertThat(analysis.getAction()).contains("Add tools.jackson.dataformat:jackson-dataformat-xml")
					.contains("infobip.smtp.notify-content-type=application/json");
			});
	}

	@Test
	void xmlDeliveryReportsWithJacksonXmlStart() {
		this.contextRunner
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t",
					"infobip.smtp.notify-content-type=application/xml")
			.run((context) -> assertThat(context).hasSingleBean(InfobipWebhookHandler.class));
	}

	@Test
	void jsonDeliveryReportsNeedNoJacksonXml() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(XmlMapper.class))
			.withPropertyValues("infobip.smtp.webhook.enabled=true", "infobip.smtp.webhook.token=t")
			.run((context) -> assertThat(context).hasSingleBean(InfobipWebhookHandler.class));
	}

	@Test
	void xmlDeliveryReportsToEndpointsServedElsewhereNeedNoJacksonXml() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(XmlMapper.class))
			.withPropertyValues("infobip.smtp.notify-content-type=application/xml",
					"infobip.smtp.notify-url=https://reports.example.com/dlr")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(InfobipWebhookHandler.class);
			});
	}

	private static FailureAnalysis analysis(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InfobipSmtpConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

}

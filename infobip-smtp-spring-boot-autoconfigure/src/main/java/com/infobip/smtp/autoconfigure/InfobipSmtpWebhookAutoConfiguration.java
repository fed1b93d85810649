/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.NotifyContentType;
import com.infobip.smtp.webhook.InfobipWebhookDeduplication;
import com.infobip.smtp.webhook.InfobipWebhookHandler;
import com.infobip.smtp.webhook.InfobipWebhookPublicationListener;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration for the webhook endpoints that receive Infobip's delivery reports
 * ({path}/delivery-reports) and tracking notifications ({path}/tracking) and publish them
 * as application events. With {@code infobip.smtp.webhook.enabled=true} in an application
 * that cannot serve them (not a servlet web application, or without Spring MVC and
 * Jackson), the start fails, as Infobip would otherwise post to URLs that do not exist;
 * so it does when the delivery reports are to be XML
 * ({@code infobip.smtp.notify-content-type=application/xml}) and Jackson's XML module,
 * which the starter does not bring, is missing.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "infobip.smtp.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("infobip.smtp.webhook.enabled")
@EnableConfigurationProperties({ InfobipSmtpProperties.class, InfobipSmtpWebhookProperties.class })
public final class InfobipSmtpWebhookAutoConfiguration {

	private static final String ROUTER_FUNCTION = "org.springframework.web.servlet.function.RouterFunction";

	private static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

	private static final String XML_MAPPER = "tools.jackson.dataformat.xml.XmlMapper";

	InfobipSmtpWebhookAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ RouterFunction.class, JsonMapper.class })
	static class WebhookEndpointsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InfobipWebhookHandler infobipWebhookHandler(InfobipSmtpWebhookProperties webhook,
				InfobipSmtpProperties properties, ApplicationContext context, ApplicationEventPublisher publisher,
				ObjectProvider<InfobipWebhookPublicationListener> publicationListeners,
				ObjectProvider<InfobipWebhookDeduplication> deduplication) {
			if (webhook.getMaxBodySize().toBytes() <= 0 || webhook.getMaxResultsPerRequest() < 1
					|| webhook.getDeduplicationCapacity() < 1 || webhook.getBodyReadTimeout().isNegative()
					|| webhook.getBodyReadTimeout().isZero()) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.webhook.max-body-size, infobip.smtp.webhook.max-results-per-request, infobip.smtp.webhook.deduplication-capacity and infobip.smtp.webhook.body-read-timeout must be positive.",
						"Set them to positive values, for instance 1MB, 1000, 10000 and 10s.");
			}
			if (properties.getNotifyContentType() == NotifyContentType.APPLICATION_XML
					&& !ClassUtils.isPresent(XML_MAPPER, context.getClassLoader())) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.notify-content-type=application/xml but the webhook endpoints cannot read XML: Jackson's XML module (tools.jackson.dataformat:jackson-dataformat-xml) is not on the class path.",
						"Add tools.jackson.dataformat:jackson-dataformat-xml (Spring Boot manages its version), or set infobip.smtp.notify-content-type=application/json.");
			}
			boolean token = StringUtils.hasText(webhook.getToken());
			boolean basic = StringUtils.hasText(webhook.getUsername()) && StringUtils.hasText(webhook.getPassword());
			if (!token && !basic) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.webhook.enabled=true but the webhook endpoints have no credentials; they are reachable from the internet.",
						"Set infobip.smtp.webhook.token (a long random secret), or infobip.smtp.webhook.username and infobip.smtp.webhook.password.");
			}
			// the outbox's, in the database, when it is enabled
			InfobipWebhookDeduplication reports = deduplication.getIfUnique(() -> inMemoryDeduplication(webhook));
			return new InfobipWebhookHandler(publisher, token ? webhook.getToken() : null,
					basic ? webhook.getUsername() : null, basic ? webhook.getPassword() : null,
					webhook.getMaxBodySize().toBytes(), webhook.getMaxResultsPerRequest(), webhook.getBodyReadTimeout(),
					reports, publicationListeners.orderedStream().toList());
		}

		private static InfobipWebhookDeduplication inMemoryDeduplication(InfobipSmtpWebhookProperties webhook) {
			int capacity = webhook.getDeduplicationCapacity();
			int maxResults = webhook.getMaxResultsPerRequest();
			if (capacity < maxResults) {
				throw new InfobipSmtpConfigurationException("infobip.smtp.webhook.deduplication-capacity=" + capacity
						+ " is below infobip.smtp.webhook.max-results-per-request=" + maxResults
						+ ": a single call could make the webhook forget a report published before it, and publish that report again when Infobip redelivers it.",
						"Set infobip.smtp.webhook.deduplication-capacity to at least " + maxResults
								+ ", or lower infobip.smtp.webhook.max-results-per-request.");
			}
			return InfobipWebhookDeduplication.inMemory(capacity);
		}

		@Bean
		RouterFunction<ServerResponse> infobipWebhookRoutes(InfobipSmtpWebhookProperties webhook,
				InfobipWebhookHandler handler) {
			return handler.routes(WebhookSettingsMapper.path(webhook));
		}

		@Bean
		FilterRegistrationBean<WebhookContentTypeFilter> infobipWebhookContentTypeFilter(
				InfobipSmtpWebhookProperties webhook) {
			String path = WebhookSettingsMapper.path(webhook);
			FilterRegistrationBean<WebhookContentTypeFilter> registration = new FilterRegistrationBean<>(
					new WebhookContentTypeFilter());
			registration.addUrlPatterns(path + "/delivery-reports", path + "/tracking");
			return registration;
		}

	}

	/**
	 * Fails the start when the endpoints are enabled but cannot be served, saying why.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(EndpointsUnavailableCondition.class)
	static class EndpointsUnavailableConfiguration {

		// not lazy, so that the start fails even with lazy initialization
		@Bean
		@Lazy(false)
		Object infobipWebhookEndpointsUnavailable(ApplicationContext context) {
			ClassLoader classLoader = context.getClassLoader();
			if (!ClassUtils.isPresent(ROUTER_FUNCTION, classLoader)) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.webhook.enabled=true but the webhook endpoints cannot be served: Spring MVC (spring-webmvc) is not on the class path.",
						"Add spring-boot-starter-webmvc, or set infobip.smtp.webhook.enabled=false and set infobip.smtp.notify-url and infobip.smtp.tracking-url to endpoints served elsewhere.");
			}
			if (!ClassUtils.isPresent(JSON_MAPPER, classLoader)) {
				throw new InfobipSmtpConfigurationException(
						"infobip.smtp.webhook.enabled=true but the webhook endpoints cannot be served: Jackson 3 (tools.jackson.core:jackson-databind) is not on the class path.",
						"Add spring-boot-starter-webmvc (which brings Jackson), or set infobip.smtp.webhook.enabled=false.");
			}
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.enabled=true but the webhook endpoints cannot be served: the application is not a servlet web application.",
					"Run it as a servlet web application with spring-boot-starter-webmvc (spring.main.web-application-type must not be none or reactive), or set infobip.smtp.webhook.enabled=false and set infobip.smtp.notify-url and infobip.smtp.tracking-url to endpoints served elsewhere.");
		}

	}

	static class EndpointsUnavailableCondition extends NoneNestedConditions {

		EndpointsUnavailableCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnClass(name = { ROUTER_FUNCTION, JSON_MAPPER })
		static class EndpointsAvailable {

		}

	}

}

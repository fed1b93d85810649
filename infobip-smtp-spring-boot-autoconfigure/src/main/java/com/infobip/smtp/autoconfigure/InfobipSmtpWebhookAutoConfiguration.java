/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import com.infobip.smtp.webhook.InfobipWebhookHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration for the webhook endpoints that receive Infobip's delivery reports
 * ({path}/delivery-reports) and tracking notifications ({path}/tracking) and publish them
 * as application events.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RouterFunction.class, JsonMapper.class })
@ConditionalOnBooleanProperty("infobip.smtp.webhook.enabled")
@EnableConfigurationProperties(InfobipSmtpProperties.class)
public final class InfobipSmtpWebhookAutoConfiguration {

	InfobipSmtpWebhookAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	InfobipWebhookHandler infobipWebhookHandler(InfobipSmtpProperties properties, ApplicationEventPublisher publisher) {
		InfobipSmtpProperties.Webhook webhook = properties.getWebhook();
		if (webhook.getMaxBodySize().toBytes() <= 0 || webhook.getDeduplicationCapacity() < 1) {
			throw new InfobipSmtpConfigurationException(
					"infobip.smtp.webhook.max-body-size and infobip.smtp.webhook.deduplication-capacity must be positive.",
					"Set them to positive values, for instance 1MB and 10000.");
		}
		return new InfobipWebhookHandler(publisher, WebhookSettingsFactory.authenticator(properties),
				webhook.getMaxBodySize().toBytes(), webhook.getDeduplicationCapacity());
	}

	@Bean
	RouterFunction<ServerResponse> infobipWebhookRoutes(InfobipSmtpProperties properties,
			InfobipWebhookHandler handler) {
		String path = WebhookSettingsFactory.path(properties);
		return RouterFunctions.route()
			.POST(path + "/delivery-reports", handler::deliveryReports)
			.POST(path + "/tracking", handler::tracking)
			.build();
	}

}

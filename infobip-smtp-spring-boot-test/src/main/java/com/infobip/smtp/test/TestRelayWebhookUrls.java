/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.infobip.smtp.InfobipDefaultHeadersPostProcessor;
import com.infobip.smtp.InfobipHeaders;
import com.infobip.smtp.InfobipMessagePostProcessor;
import com.infobip.smtp.autoconfigure.InfobipSmtpWebhookProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Gives a message notify and tracking URLs on the application's own server when the
 * webhook is enabled but no URL for it is configured. Decided at send time: the server's
 * random port ({@code local.server.port}) is only known once the server has started,
 * after the starter built its default headers.
 */
final class TestRelayWebhookUrls implements InfobipMessagePostProcessor, Ordered {

	private final ListableBeanFactory beanFactory;

	private final Environment environment;

	TestRelayWebhookUrls(ListableBeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	@Override
	public void postProcess(MimeMessage message) throws MessagingException {
		InfobipSmtpWebhookProperties webhook = this.beanFactory.getBeanProvider(InfobipSmtpWebhookProperties.class)
			.getIfAvailable();
		String port = this.environment.getProperty("local.server.port");
		if (webhook == null || !webhook.isEnabled() || port == null
				|| StringUtils.hasText(webhook.getPublicBaseUrl())) {
			return;
		}
		String base = "http://localhost:" + port + contextPath() + webhookPath(webhook);
		setIfAbsent(message, InfobipHeaders.NOTIFY_URL, base + "/delivery-reports", webhook);
		setIfAbsent(message, InfobipHeaders.TRACKING_URL, base + "/tracking", webhook);
	}

	private void setIfAbsent(MimeMessage message, String header, String url, InfobipSmtpWebhookProperties webhook)
			throws MessagingException {
		if (message.getHeader(header) != null || isDefault(header)) {
			return;
		}
		String withCredentials = withCredentials(url, webhook);
		if (withCredentials != null) {
			message.setHeader(header, withCredentials);
		}
	}

	private boolean isDefault(String header) {
		return this.beanFactory.getBeanProvider(InfobipDefaultHeadersPostProcessor.class)
			.stream()
			.anyMatch((defaults) -> defaults.getDefaults().containsKey(header));
	}

	private static @Nullable String withCredentials(String url, InfobipSmtpWebhookProperties webhook) {
		if (StringUtils.hasText(webhook.getToken())) {
			return url + "?token=" + URLEncoder.encode(webhook.getToken(), StandardCharsets.UTF_8);
		}
		if (StringUtils.hasText(webhook.getUsername()) && StringUtils.hasText(webhook.getPassword())) {
			return url.replaceFirst("://", "://" + URLEncoder.encode(webhook.getUsername(), StandardCharsets.UTF_8)
					+ ":" + URLEncoder.encode(webhook.getPassword(), StandardCharsets.UTF_8) + "@");
		}
		return null;
	}

	private String contextPath() {
		String path = this.environment.getProperty("server.servlet.context-path", "");
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	private static String webhookPath(InfobipSmtpWebhookProperties webhook) {
		String path = webhook.getPath().trim();
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	@Override
	public int getOrder() {
		// before the default headers, which it never replaces
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the webhook endpoints that receive Infobip's delivery
 * reports and tracking notifications.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("infobip.smtp.webhook")
public class InfobipSmtpWebhookProperties {

	/**
	 * Whether to receive delivery reports at {path}/delivery-reports and tracking
	 * notifications at {path}/tracking. Needs a servlet web application with Spring MVC;
	 * in any other application the start fails.
	 */
	private boolean enabled;

	/**
	 * Path under which the webhook endpoints are served.
	 */
	private String path = "/infobip/smtp";

	/**
	 * Shared secret that every webhook call must carry as the query parameter 'token'.
	 * Set this or username and password.
	 */
	private @Nullable String token;

	/**
	 * HTTP Basic user name that webhook calls must carry, with password.
	 */
	private @Nullable String username;

	/**
	 * HTTP Basic password that webhook calls must carry, with username.
	 */
	private @Nullable String password;

	/**
	 * Largest webhook body read; a larger one is answered 413.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	/**
	 * Most reports one delivery-report call may carry; a call with more is answered 413
	 * and none of its reports is published. Infobip's reports API returns at most 1000
	 * reports per call.
	 */
	private int maxResultsPerRequest = 1000;

	/**
	 * Longest a webhook call's body may take to arrive; a body not read in full by then
	 * is answered 408 and its connection closed. No request thread waits for the body
	 * meanwhile, unless a filter without async support stands in front of the endpoints.
	 */
	private Duration bodyReadTimeout = Duration.ofSeconds(10);

	/**
	 * Absolute http or https URL at which this application is public, for instance
	 * 'https://shop.example.com'. When set and the webhook is enabled, notify-url and
	 * tracking-url default to its webhook endpoints, with the token.
	 */
	private @Nullable String publicBaseUrl;

	/**
	 * For how many later publications a published report is remembered, to answer its
	 * duplicates without publishing it again. At least max-results-per-request, so that
	 * no single call can make the webhook forget a report published before that call. Not
	 * used with infobip.smtp.outbox.enabled: the reports are then remembered in the
	 * database for infobip.smtp.outbox.retention.
	 */
	private int deduplicationCapacity = 10000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public int getMaxResultsPerRequest() {
		return this.maxResultsPerRequest;
	}

	public void setMaxResultsPerRequest(int maxResultsPerRequest) {
		this.maxResultsPerRequest = maxResultsPerRequest;
	}

	public Duration getBodyReadTimeout() {
		return this.bodyReadTimeout;
	}

	public void setBodyReadTimeout(Duration bodyReadTimeout) {
		this.bodyReadTimeout = bodyReadTimeout;
	}

	public @Nullable String getPublicBaseUrl() {
		return this.publicBaseUrl;
	}

	public void setPublicBaseUrl(@Nullable String publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl;
	}

	public int getDeduplicationCapacity() {
		return this.deduplicationCapacity;
	}

	public void setDeduplicationCapacity(int deduplicationCapacity) {
		this.deduplicationCapacity = deduplicationCapacity;
	}

}

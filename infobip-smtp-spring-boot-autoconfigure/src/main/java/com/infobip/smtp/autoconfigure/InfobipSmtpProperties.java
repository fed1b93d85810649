/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.infobip.smtp.AuthMechanism;
import com.infobip.smtp.InfobipRegion;
import com.infobip.smtp.NotifyContentType;
import com.infobip.smtp.SmtpSecurity;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for sending email through the Infobip SMTP API.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("infobip.smtp")
public class InfobipSmtpProperties {

	/**
	 * Whether to enable the Infobip SMTP starter; when false, none of its beans are
	 * created.
	 */
	private boolean enabled = true;

	/**
	 * Infobip region whose SMTP relay to use.
	 */
	private InfobipRegion region = InfobipRegion.FRANKFURT;

	/**
	 * SMTP relay host that overrides the region's host, for a proxy or a test relay. For
	 * instance, 'smtp-proxy.example.com'.
	 */
	private @Nullable String host;

	/**
	 * SMTP relay port: 587 or 25 for STARTTLS, 465 for TLS, as the region serves them.
	 */
	private int port = 587;

	/**
	 * How the connection is secured. When not set, port 465 uses TLS and any other port
	 * uses STARTTLS. There is no plain-text mode.
	 */
	private @Nullable SmtpSecurity security;

	/**
	 * Infobip API key; authenticates as user 'App'. Set either this or username and
	 * password.
	 */
	private @Nullable String apiKey;

	/**
	 * Infobip account username; set with password, instead of an API key.
	 */
	private @Nullable String username;

	/**
	 * Infobip account password; set with username, instead of an API key.
	 */
	private @Nullable String password;

	/**
	 * SASL mechanism for AUTH. When not set, whichever of PLAIN and LOGIN the server
	 * offers.
	 */
	private @Nullable AuthMechanism authMechanism;

	/**
	 * TLS settings.
	 */
	@NestedConfigurationProperty
	private final InfobipSmtpSslProperties ssl = new InfobipSmtpSslProperties();

	/**
	 * Timeout for establishing the TCP connection.
	 */
	private Duration connectionTimeout = Duration.ofSeconds(10);

	/**
	 * Timeout for each reply of the server.
	 */
	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * Timeout for each write to the server.
	 */
	private Duration writeTimeout = Duration.ofSeconds(30);

	/**
	 * From address used when a message has none. For instance, 'shop@example.com'.
	 */
	private @Nullable String defaultFrom;

	/**
	 * Largest message that is sent; a larger one fails before any connection is opened.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(20);

	/**
	 * Comma-separated list of domains a sender (From and envelope sender) may use. When
	 * set, any other sender domain fails before any connection is opened.
	 */
	private List<String> allowedSenderDomains = new ArrayList<>();

	/**
	 * Absolute http or https URL to which Infobip posts open and click notifications,
	 * written as X-IB-tracking-url on every message that does not set its own.
	 */
	private @Nullable String trackingUrl;

	/**
	 * Absolute http or https URL to which Infobip posts delivery reports, written as
	 * X-IB-notify-url on every message that does not set its own. For instance,
	 * 'https://shop.example.com/infobip/smtp/delivery-reports?token=...'.
	 */
	private @Nullable String notifyUrl;

	/**
	 * Content type of the delivery reports, written as X-IB-notify-content-type on every
	 * message that does not set its own.
	 */
	private @Nullable NotifyContentType notifyContentType;

	/**
	 * Whether Infobip posts real-time intermediate delivery reports, written as
	 * X-IB-intermediate-report on every message that does not set its own.
	 */
	private @Nullable Boolean intermediateReport;

	/**
	 * Client data passed back with delivery reports, written as X-IB-callback-data on
	 * every message that does not set its own.
	 */
	private @Nullable String callbackData;

	/**
	 * Whether to send MAIL FROM, every RCPT TO and DATA in one write when the relay
	 * offers PIPELINING, saving a round trip per command.
	 */
	private boolean pipelining = true;

	/**
	 * Whether to connect and authenticate at startup, failing the start if that fails.
	 */
	private boolean testConnection;

	/**
	 * Whether to give every message without an X-IB-bulk-id a generated one (a random
	 * UUID), so that its delivery reports can be matched.
	 */
	private boolean generateBulkId;

	/**
	 * How long shutdown waits for sends in flight and queued sendAsync calls, in order,
	 * before the queued ones that have not started fail and the connections close. Spring
	 * waits at most spring.lifecycle.timeout-per-shutdown-phase for it.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Connection pool settings.
	 */
	@NestedConfigurationProperty
	private final InfobipSmtpPoolProperties pool = new InfobipSmtpPoolProperties();

	/**
	 * Retry settings for transient failures.
	 */
	@NestedConfigurationProperty
	private final InfobipSmtpRetryProperties retry = new InfobipSmtpRetryProperties();

	/**
	 * Settings of the executor behind sendAsync and batch sends.
	 */
	@NestedConfigurationProperty
	private final InfobipSmtpAsyncProperties async = new InfobipSmtpAsyncProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public InfobipRegion getRegion() {
		return this.region;
	}

	public void setRegion(InfobipRegion region) {
		this.region = region;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public @Nullable SmtpSecurity getSecurity() {
		return this.security;
	}

	public void setSecurity(@Nullable SmtpSecurity security) {
		this.security = security;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
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

	public @Nullable AuthMechanism getAuthMechanism() {
		return this.authMechanism;
	}

	public void setAuthMechanism(@Nullable AuthMechanism authMechanism) {
		this.authMechanism = authMechanism;
	}

	public InfobipSmtpSslProperties getSsl() {
		return this.ssl;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getWriteTimeout() {
		return this.writeTimeout;
	}

	public void setWriteTimeout(Duration writeTimeout) {
		this.writeTimeout = writeTimeout;
	}

	public @Nullable String getDefaultFrom() {
		return this.defaultFrom;
	}

	public void setDefaultFrom(@Nullable String defaultFrom) {
		this.defaultFrom = defaultFrom;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public List<String> getAllowedSenderDomains() {
		return this.allowedSenderDomains;
	}

	public void setAllowedSenderDomains(List<String> allowedSenderDomains) {
		this.allowedSenderDomains = allowedSenderDomains;
	}

	public @Nullable String getTrackingUrl() {
		return this.trackingUrl;
	}

	public void setTrackingUrl(@Nullable String trackingUrl) {
		this.trackingUrl = trackingUrl;
	}

	public @Nullable String getNotifyUrl() {
		return this.notifyUrl;
	}

	public void setNotifyUrl(@Nullable String notifyUrl) {
		this.notifyUrl = notifyUrl;
	}

	public @Nullable NotifyContentType getNotifyContentType() {
		return this.notifyContentType;
	}

	public void setNotifyContentType(@Nullable NotifyContentType notifyContentType) {
		this.notifyContentType = notifyContentType;
	}

	public @Nullable Boolean getIntermediateReport() {
		return this.intermediateReport;
	}

	public void setIntermediateReport(@Nullable Boolean intermediateReport) {
		this.intermediateReport = intermediateReport;
	}

	public @Nullable String getCallbackData() {
		return this.callbackData;
	}

	public void setCallbackData(@Nullable String callbackData) {
		this.callbackData = callbackData;
	}

	public boolean isPipelining() {
		return this.pipelining;
	}

	public void setPipelining(boolean pipelining) {
		this.pipelining = pipelining;
	}

	public boolean isTestConnection() {
		return this.testConnection;
	}

	public void setTestConnection(boolean testConnection) {
		this.testConnection = testConnection;
	}

	public boolean isGenerateBulkId() {
		return this.generateBulkId;
	}

	public void setGenerateBulkId(boolean generateBulkId) {
		this.generateBulkId = generateBulkId;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public InfobipSmtpPoolProperties getPool() {
		return this.pool;
	}

	public InfobipSmtpRetryProperties getRetry() {
		return this.retry;
	}

	public InfobipSmtpAsyncProperties getAsync() {
		return this.async;
	}

}

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
	private final Ssl ssl = new Ssl();

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
	private final Pool pool = new Pool();

	/**
	 * Retry settings for transient failures.
	 */
	private final Retry retry = new Retry();

	/**
	 * Settings of the executor behind sendAsync and batch sends.
	 */
	private final Async async = new Async();

	/**
	 * Health indicator settings.
	 */
	private final Health health = new Health();

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

	public Ssl getSsl() {
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

	public Pool getPool() {
		return this.pool;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Async getAsync() {
		return this.async;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Connection pool settings.
	 */
	public static class Pool {

		/**
		 * Whether to keep authenticated connections open and reuse them. When false,
		 * every message opens and closes its own connection.
		 */
		private boolean enabled = true;

		/**
		 * Most connections open to the relay at once, whatever the number of sending
		 * threads.
		 */
		private int maxConnections = 8;

		/**
		 * How long a send waits for a free connection before it fails.
		 */
		private Duration maxWait = Duration.ofSeconds(30);

		/**
		 * How long a connection may stay unused before it is closed.
		 */
		private Duration idleTimeout = Duration.ofSeconds(60);

		/**
		 * The most messages a connection sends before it is closed and replaced. Each
		 * connection is replaced after a number drawn between nine tenths of this and
		 * this, so that connections opened together are not all replaced at once.
		 */
		private int maxMessagesPerConnection = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public int getMaxMessagesPerConnection() {
			return this.maxMessagesPerConnection;
		}

		public void setMaxMessagesPerConnection(int maxMessagesPerConnection) {
			this.maxMessagesPerConnection = maxMessagesPerConnection;
		}

	}

	/**
	 * Retry settings for transient failures: a 4xx reply, or a connection lost before the
	 * end of the data. A message the relay may already have is never sent again.
	 */
	public static class Retry {

		/**
		 * Most times a message is offered to the relay, the first included; 1 disables
		 * retries.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the first retry; each later wait is multiplied by the multiplier,
		 * with random jitter of up to half the initial backoff.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Factor by which each wait grows.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * Settings of the executor behind sendAsync and batch sends.
	 */
	public static class Async {

		/**
		 * Most sendAsync calls queued, in order, while pool.max-connections sends run;
		 * beyond it, the returned future fails at once. The same with platform threads
		 * and with virtual threads (spring.threads.virtual.enabled).
		 */
		private int queueCapacity = 10000;

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material verifies the
		 * relay's certificate, for a proxy or a test relay, and whose
		 * options.enabled-protocols and options.ciphers, when set, are the only TLS
		 * versions and cipher suites offered. When not set, the JVM's default trust store
		 * is used. Whatever the bundle and the JVM allow, no TLS version below TLSv1.2 is
		 * offered.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * How long a health check result is reused before the relay is probed again.
		 */
		private Duration cacheTimeToLive = Duration.ofSeconds(30);

		/**
		 * Connection, reply and write timeout of the health probe.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}

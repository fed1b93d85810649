/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Receives Infobip's delivery reports and tracking notifications and publishes them as
 * application events. Answers 2xx once the listeners ran, 5xx if one failed (Infobip then
 * retries), 401 without the token or credentials, 415 for a content type other than JSON
 * or XML, 413 for a body over the size limit or with more results than one call may carry
 * (then none of them is published), 400 with a short reason for a body it cannot read. A
 * report already published is answered 2xx without being published again; a duplicate
 * that arrives while the first delivery's listeners still run is answered once their
 * outcome is known, and published if they failed. Nothing about a call answered 4xx is
 * logged above DEBUG, and no log line carries request data.
 *
 * @since 0.1.0
 */
public class InfobipWebhookHandler {

	private static final Log logger = LogFactory.getLog(InfobipWebhookHandler.class);

	private final ApplicationEventPublisher publisher;

	private final WebhookAuthenticator authenticator;

	private final long maxBodySize;

	private final int maxResultsPerRequest;

	private final InfobipWebhookDeduplication deduplication;

	private final List<InfobipWebhookPublicationListener> publicationListeners;

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param authenticator admits calls
	 * @param maxBodySize the largest body read, in bytes
	 * @param maxResultsPerRequest the most reports one delivery-report call may carry
	 * @param deduplicationCapacity for how many later publications a published report is
	 * remembered; at least maxResultsPerRequest, so that no single call can make the
	 * handler forget a report published before that call
	 */
	public InfobipWebhookHandler(ApplicationEventPublisher publisher, WebhookAuthenticator authenticator,
			long maxBodySize, int maxResultsPerRequest, int deduplicationCapacity) {
		this(publisher, authenticator, maxBodySize, maxResultsPerRequest, deduplicationCapacity, List.of());
	}

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param authenticator admits calls
	 * @param maxBodySize the largest body read, in bytes
	 * @param maxResultsPerRequest the most reports one delivery-report call may carry
	 * @param deduplicationCapacity for how many later publications a published report is
	 * remembered; at least maxResultsPerRequest, so that no single call can make the
	 * handler forget a report published before that call
	 * @param publicationListeners told about each report published, in order
	 */
	public InfobipWebhookHandler(ApplicationEventPublisher publisher, WebhookAuthenticator authenticator,
			long maxBodySize, int maxResultsPerRequest, int deduplicationCapacity,
			List<? extends InfobipWebhookPublicationListener> publicationListeners) {
		this(publisher, authenticator, maxBodySize, maxResultsPerRequest,
				inMemory(deduplicationCapacity, maxResultsPerRequest), publicationListeners);
	}

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param authenticator admits calls
	 * @param maxBodySize the largest body read, in bytes
	 * @param maxResultsPerRequest the most reports one delivery-report call may carry
	 * @param deduplication publishes each report once
	 * @param publicationListeners told about each report published, in order
	 */
	public InfobipWebhookHandler(ApplicationEventPublisher publisher, WebhookAuthenticator authenticator,
			long maxBodySize, int maxResultsPerRequest, InfobipWebhookDeduplication deduplication,
			List<? extends InfobipWebhookPublicationListener> publicationListeners) {
		if (maxResultsPerRequest < 1) {
			throw new IllegalArgumentException("maxResultsPerRequest must be positive");
		}
		this.publisher = publisher;
		this.authenticator = authenticator;
		this.maxBodySize = maxBodySize;
		this.maxResultsPerRequest = maxResultsPerRequest;
		this.deduplication = deduplication;
		this.publicationListeners = List.copyOf(publicationListeners);
	}

	private static InfobipWebhookDeduplication inMemory(int capacity, int maxResultsPerRequest) {
		if (capacity < maxResultsPerRequest) {
			throw new IllegalArgumentException("deduplicationCapacity must be at least maxResultsPerRequest");
		}
		return InfobipWebhookDeduplication.inMemory(capacity);
	}

	/**
	 * Handle a POSTed delivery report.
	 * @param request the request
	 * @return the response
	 */
	public ServerResponse deliveryReports(ServerRequest request) {
		return handle(request, (body) -> {
			for (DeliveryReport report : WebhookPayloadMapper.deliveryReports(body, this.maxResultsPerRequest)) {
				// and "to": one queue id covers all recipients of a message
				String key = SeenReports.key("report", report.messageId(), report.to(), report.status().group(),
						report.status().id());
				publishOnce(key, new InfobipDeliveryReportEvent(this, report),
						InfobipWebhookPublicationListener::deliveryReportPublished);
			}
		});
	}

	/**
	 * Handle a POSTed tracking notification.
	 * @param request the request
	 * @return the response
	 */
	public ServerResponse tracking(ServerRequest request) {
		return handle(request, (body) -> {
			TrackingNotification notification = WebhookPayloadMapper.trackingNotification(body);
			String eventId = notification.eventId();
			String key = (eventId != null && !eventId.isBlank()) ? SeenReports.key("event", eventId)
					: SeenReports.key("tracking", notification.messageId(), notification.recipient(),
							notification.type(), notification.sendDateTime(), notification.url());
			publishOnce(key, new InfobipTrackingEvent(this, notification),
					InfobipWebhookPublicationListener::trackingEventPublished);
		});
	}

	private ServerResponse handle(ServerRequest request, BodyConsumer consumer) {
		HttpServletRequest servletRequest = request.servletRequest();
		// the query string only: a form parameter of the body is no credential
		if (!this.authenticator.admits(queryParameter(servletRequest.getQueryString(), "token"),
				request.headers().firstHeader(HttpHeaders.AUTHORIZATION))) {
			return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
		}
		Boolean xml = isXml(request.headers().firstHeader(HttpHeaders.CONTENT_TYPE));
		if (xml == null) {
			return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build();
		}
		byte[] body;
		try {
			body = readBody(servletRequest);
		}
		catch (IOException ex) {
			logger.debug("Could not read the body of an Infobip webhook call", ex);
			return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).body("body could not be read");
		}
		if (body == null) {
			return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		try {
			consumer.accept(WebhookPayloadReader.read(body, xml));
			return ServerResponse.ok().build();
		}
		catch (MalformedPayloadException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Answering 400 to an Infobip webhook call: " + ex.getMessage());
			}
			return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).body(ex.getMessage());
		}
		catch (TooManyResultsException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Answering 413 to an Infobip webhook call: " + ex.getMessage());
			}
			return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
				.contentType(MediaType.TEXT_PLAIN)
				.body(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}
		catch (RuntimeException ex) {
			// the exception (a listener's or the database's), never the
			// request: its URL may carry the token
			logger.error("Publishing an Infobip webhook report failed (a listener, or the deduplication's database);"
					+ " answering 500 so that Infobip retries", ex);
			return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
		}
	}

	private <E extends ApplicationEvent> void publishOnce(@Nullable String key, E event,
			BiConsumer<InfobipWebhookPublicationListener, E> published) throws InterruptedException {
		if (key == null) {
			// nothing identifies the report: it cannot be told from another one
			this.publisher.publishEvent(event);
			notifyPublished(event, published);
			return;
		}
		if (this.deduplication.publishOnce(key, () -> this.publisher.publishEvent(event))) {
			notifyPublished(event, published);
		}
	}

	private <E extends ApplicationEvent> void notifyPublished(E event,
			BiConsumer<InfobipWebhookPublicationListener, E> published) {
		for (InfobipWebhookPublicationListener listener : this.publicationListeners) {
			try {
				published.accept(listener, event);
			}
			catch (RuntimeException ex) {
				logger.warn("An InfobipWebhookPublicationListener failed; the report was published", ex);
			}
		}
	}

	/**
	 * Return whether a body of the given content type is XML, JSON ({@code false}, also
	 * when there is none), or {@code null} when it is neither.
	 */
	private static @Nullable Boolean isXml(@Nullable String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return false;
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
		if (type.isWildcardType() || type.isWildcardSubtype()) {
			return null;
		}
		if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
			return false;
		}
		if (type.equalsTypeAndSubtype(MediaType.APPLICATION_XML) || type.equalsTypeAndSubtype(MediaType.TEXT_XML)) {
			return true;
		}
		return null;
	}

	/**
	 * Return the first value of a parameter of the query string, decoded, or
	 * {@code null}.
	 */
	static @Nullable String queryParameter(@Nullable String query, String name) {
		if (query == null) {
			return null;
		}
		try {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				String key = (equals >= 0) ? pair.substring(0, equals) : pair;
				if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
					return (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// a malformed escape: no token
		}
		return null;
	}

	private byte @Nullable [] readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > this.maxBodySize) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodySize + 1));
			return (body.length > this.maxBodySize) ? null : body;
		}
	}

	@FunctionalInterface
	private interface BodyConsumer {

		void accept(Map<String, Object> body) throws InterruptedException;

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Receives Infobip's delivery reports and tracking notifications and publishes them as
 * application events. Answers 2xx once the listeners ran, 5xx if one failed (Infobip then
 * retries), 401 without the token or credentials, 413 for a body over the limit, 400 with
 * a short reason for a body it cannot read. A report already published is answered 2xx
 * without being published again.
 *
 * @since 0.1.0
 */
public class InfobipWebhookHandler {

	private static final Log logger = LogFactory.getLog(InfobipWebhookHandler.class);

	private final ApplicationEventPublisher publisher;

	private final WebhookAuthenticator authenticator;

	private final long maxBodySize;

	private final SeenReports seen;

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param authenticator admits calls
	 * @param maxBodySize the largest body read, in bytes
	 * @param deduplicationCapacity how many published reports are remembered
	 */
	public InfobipWebhookHandler(ApplicationEventPublisher publisher, WebhookAuthenticator authenticator,
			long maxBodySize, int deduplicationCapacity) {
		this.publisher = publisher;
		this.authenticator = authenticator;
		this.maxBodySize = maxBodySize;
		this.seen = new SeenReports(deduplicationCapacity);
	}

	/**
	 * Handle a POSTed delivery report.
	 * @param request the request
	 * @return the response
	 */
	public ServerResponse deliveryReports(ServerRequest request) {
		return handle(request, (body) -> {
			List<DeliveryReport> reports = WebhookPayloadMapper.deliveryReports(body);
			for (DeliveryReport report : reports) {
				String key = "report:" + report.messageId() + ":" + report.status().id() + ":"
						+ report.status().group();
				publishOnce(key, new InfobipDeliveryReportEvent(this, report));
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
			String key = (notification.eventId() != null) ? "event:" + notification.eventId()
					: "tracking:" + notification.messageId() + ":" + notification.type() + ":"
							+ notification.sendDateTime() + ":" + notification.url();
			publishOnce(key, new InfobipTrackingEvent(this, notification));
		});
	}

	private ServerResponse handle(ServerRequest request, BodyConsumer consumer) {
		if (!this.authenticator.admits(request.param("token").orElse(null),
				request.headers().firstHeader(HttpHeaders.AUTHORIZATION))) {
			return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
		}
		MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		boolean xml = contentType.isCompatibleWith(MediaType.APPLICATION_XML)
				|| contentType.isCompatibleWith(MediaType.TEXT_XML);
		if (!xml && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build();
		}
		byte[] body;
		try {
			body = readBody(request.servletRequest());
		}
		catch (IOException ex) {
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
			return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).body(ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error("A listener failed on an Infobip webhook; answering 500 so that Infobip retries", ex);
			return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
		}
	}

	private void publishOnce(String key, Object event) {
		if (!this.seen.contains(key)) {
			this.publisher.publishEvent(event);
			// seen only once the listeners succeeded: a retry after a failure publishes
			// again
			this.seen.add(key);
		}
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

		void accept(Map<String, Object> body);

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Receives Infobip's delivery reports and tracking notifications and publishes them as
 * application events. Answers 2xx once the listeners ran, 5xx if one failed (Infobip then
 * retries), 401 without the token or credentials, 415 for a content type other than JSON
 * or XML (XML only with jackson-dataformat-xml on the class path), 413 for a body over
 * the size limit or with more results than one call may carry (then none of them is
 * published), 408 for a body not read in full within the body read timeout, 400 with a
 * short reason for a body it cannot read. A body is read without holding a request thread
 * while it arrives, wherever the request supports async processing. A report already
 * published is answered 2xx without being published again; a duplicate that arrives while
 * the first delivery's listeners still run is answered once their outcome is known, and
 * published if they failed. Nothing about a call answered 4xx is logged above DEBUG, and
 * no log line carries request data.
 * <p>
 * Public for the auto-configuration, which creates it; applications use its events.
 *
 * @since 0.1.0
 */
public final class InfobipWebhookHandler {

	private static final Log logger = LogFactory.getLog(InfobipWebhookHandler.class);

	private static final Duration ASYNC_TIMEOUT_MARGIN = Duration.ofSeconds(5);

	// JSON, or no content type at all
	private static final RequestPredicate JSON = RequestPredicates.contentType(MediaType.APPLICATION_JSON)
		.or(RequestPredicates.headers((headers) -> headers.header(HttpHeaders.CONTENT_TYPE).isEmpty()));

	private static final RequestPredicate XML = RequestPredicates.contentType(MediaType.APPLICATION_XML,
			MediaType.TEXT_XML);

	private final ApplicationEventPublisher publisher;

	private final WebhookAuthenticator authenticator;

	private final long maxBodySize;

	private final int maxResultsPerRequest;

	private final Duration bodyReadTimeout;

	private final InfobipWebhookDeduplication deduplication;

	private final List<InfobipWebhookPublicationListener> publicationListeners;

	private final @Nullable WebhookPayloadReader xml;

	private final AtomicBoolean noAsyncSupportLogged = new AtomicBoolean();

	/**
	 * Create a handler. It reads XML bodies when jackson-dataformat-xml is on the class
	 * path, and answers them 415 otherwise.
	 * @param publisher publishes the events
	 * @param token the token calls must carry as the query parameter {@code token}, or
	 * {@code null}
	 * @param username the HTTP Basic user name calls must carry, or {@code null}
	 * @param password the HTTP Basic password calls must carry, or {@code null}
	 * @param maxBodySize the largest body read, in bytes
	 * @param maxResultsPerRequest the most reports one delivery-report call may carry
	 * @param bodyReadTimeout the longest a body may take to arrive
	 * @param deduplication publishes each report once
	 * @param publicationListeners told about each report published, in order
	 * @throws IllegalArgumentException without a token or Basic credentials, or with a
	 * limit that is not positive
	 */
	public InfobipWebhookHandler(ApplicationEventPublisher publisher, @Nullable String token, @Nullable String username,
			@Nullable String password, long maxBodySize, int maxResultsPerRequest, Duration bodyReadTimeout,
			InfobipWebhookDeduplication deduplication,
			List<? extends InfobipWebhookPublicationListener> publicationListeners) {
		this(publisher, new WebhookAuthenticator(token, username, password), maxBodySize, maxResultsPerRequest,
				bodyReadTimeout, deduplication, publicationListeners,
				WebhookPayloadReader.xmlIfPresent(InfobipWebhookHandler.class.getClassLoader()));
	}

	InfobipWebhookHandler(ApplicationEventPublisher publisher, WebhookAuthenticator authenticator, long maxBodySize,
			int maxResultsPerRequest, Duration bodyReadTimeout, InfobipWebhookDeduplication deduplication,
			List<? extends InfobipWebhookPublicationListener> publicationListeners,
			@Nullable WebhookPayloadReader xml) {
		if (maxBodySize < 1) {
			throw new IllegalArgumentException("maxBodySize must be positive");
		}
		if (maxResultsPerRequest < 1) {
			throw new IllegalArgumentException("maxResultsPerRequest must be positive");
		}
		if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
			throw new IllegalArgumentException("bodyReadTimeout must be positive");
		}
		this.publisher = publisher;
		this.authenticator = authenticator;
		this.maxBodySize = maxBodySize;
		this.maxResultsPerRequest = maxResultsPerRequest;
		this.bodyReadTimeout = bodyReadTimeout;
		this.deduplication = deduplication;
		this.publicationListeners = List.copyOf(publicationListeners);
		this.xml = xml;
	}

	/**
	 * Return the endpoints, which take POST requests at {@code {path}/delivery-reports}
	 * and {@code {path}/tracking} from callers with the token or credentials.
	 * @param path the path under which they are served, such as {@code /infobip/smtp}
	 * @return the endpoints
	 */
	public RouterFunction<ServerResponse> routes(String path) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		endpoint(routes, path + "/delivery-reports", this::deliveryReports);
		endpoint(routes, path + "/tracking", this::tracking);
		return routes.filter(this.authenticator).build();
	}

	private void endpoint(RouterFunctions.Builder routes, String pattern,
			BiFunction<ServerRequest, WebhookPayloadReader, ServerResponse> handler) {
		routes.POST(pattern, JSON, (request) -> handler.apply(request, WebhookPayloadReader.json()));
		WebhookPayloadReader xml = this.xml;
		if (xml != null) {
			routes.POST(pattern, XML, (request) -> handler.apply(request, xml));
		}
		// any other content type: wildcards and malformed ones never get here
		// (WebhookContentTypeFilter)
		routes.POST(pattern, (request) -> ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build());
	}

	private ServerResponse deliveryReports(ServerRequest request, WebhookPayloadReader reader) {
		return handle(request, (body) -> {
			List<DeliveryReport> reports = WebhookPayloads.deliveryReports(reader.deliveryReports(body),
					this.maxResultsPerRequest);
			for (DeliveryReport report : reports) {
				// and "to": one queue id covers all recipients of a message
				String key = SeenReports.key("report", report.messageId(), report.to(), report.status().group(),
						report.status().id());
				publishOnce(key, new InfobipDeliveryReportEvent(this, report),
						InfobipWebhookPublicationListener::deliveryReportPublished);
			}
		});
	}

	private ServerResponse tracking(ServerRequest request, WebhookPayloadReader reader) {
		return handle(request, (body) -> {
			TrackingNotification notification = reader.tracking(body).toNotification();
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
		if (servletRequest.getContentLengthLong() > this.maxBodySize) {
			return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		if (!servletRequest.isAsyncSupported()) {
			return readOnThisThread(servletRequest, consumer).toResponse();
		}
		CompletableFuture<byte[]> body;
		try {
			body = WebhookBodyReader.readAsync(servletRequest, this.maxBodySize, this.bodyReadTimeout);
		}
		catch (IOException ex) {
			return unread(ex).toResponse();
		}
		// the reports are published when Spring MVC writes the answer, back in the
		// request's filter chain (its observation, its request attributes) rather than
		// on whichever container thread finished reading the body
		CompletableFuture<ServerResponse> response = body.handle((bytes, failure) -> (bytes != null)
				? ServerResponse.ok().build((req, res) -> publish(bytes, consumer).writeTo(res))
				: unread(failure).toResponse());
		// the container's own async timeout only backs up the read's
		return ServerResponse.async(response, this.bodyReadTimeout.plus(ASYNC_TIMEOUT_MARGIN));
	}

	private Answer readOnThisThread(HttpServletRequest request, BodyConsumer consumer) {
		if (this.noAsyncSupportLogged.compareAndSet(false, true)) {
			logger.warn("A filter or servlet in front of the Infobip webhook endpoints does not support async"
					+ " requests: their bodies are read on the request thread, where a client that stops sending"
					+ " holds it until the server's connection timeout rather than the webhook's body read timeout");
		}
		byte[] body;
		try {
			body = WebhookBodyReader.read(request, this.maxBodySize, this.bodyReadTimeout);
		}
		catch (IOException | TimeoutException ex) {
			return unread(ex);
		}
		return publish(body, consumer);
	}

	private static Answer unread(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof TimeoutException) {
			logger.debug("Answering 408 to an Infobip webhook call: its body did not arrive in time");
			return new Answer(HttpStatus.REQUEST_TIMEOUT, null);
		}
		if (cause instanceof WebhookBodyReader.BodyTooLargeException) {
			logger.debug("Answering 413 to an Infobip webhook call: its body is over the limit");
			return new Answer(HttpStatus.CONTENT_TOO_LARGE, null);
		}
		if (cause instanceof IOException) {
			logger.debug("Could not read the body of an Infobip webhook call", cause);
			return new Answer(HttpStatus.BAD_REQUEST, "body could not be read");
		}
		logger.error("Reading the body of an Infobip webhook call failed; answering 500 so that Infobip retries",
				cause);
		return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, null);
	}

	private Answer publish(byte[] body, BodyConsumer consumer) {
		try {
			consumer.accept(body);
			return new Answer(HttpStatus.OK, null);
		}
		catch (MalformedPayloadException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Answering 400 to an Infobip webhook call: " + ex.getMessage());
			}
			return new Answer(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		catch (TooManyResultsException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Answering 413 to an Infobip webhook call: " + ex.getMessage());
			}
			return new Answer(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(HttpStatus.SERVICE_UNAVAILABLE, null);
		}
		catch (RuntimeException ex) {
			// the exception (a listener's or the database's), never the
			// request: its URL may carry the token
			logger.error("Publishing an Infobip webhook report failed (a listener, or the deduplication's database);"
					+ " answering 500 so that Infobip retries", ex);
			return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, null);
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

	@FunctionalInterface
	private interface BodyConsumer {

		void accept(byte[] body) throws InterruptedException;

	}

	/**
	 * The answer to a call, with a short reason for the caller or none.
	 */
	private record Answer(HttpStatus status, @Nullable String reason) {

		ServerResponse toResponse() {
			return (this.reason != null)
					? ServerResponse.status(this.status).contentType(MediaType.TEXT_PLAIN).body(this.reason)
					: ServerResponse.status(this.status).build();
		}

		@Nullable ModelAndView writeTo(HttpServletResponse response) throws IOException {
			response.setStatus(this.status.value());
			if (this.reason != null) {
				response.setContentType("text/plain;charset=UTF-8");
				response.getWriter().write(this.reason);
			}
			return null;
		}

	}

}

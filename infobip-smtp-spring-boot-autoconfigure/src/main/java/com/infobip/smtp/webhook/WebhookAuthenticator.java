/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Admits a webhook call that carries the shared token (query parameter {@code token}) or
 * the HTTP Basic credentials, comparing in constant time, and answers any other 401
 * without detail. The token is read from the query string only: the servlet request's
 * parameters, which {@link ServerRequest#param(String)} reads, include the fields of a
 * form-encoded body, and reading them makes the container read the body on the request
 * thread.
 */
final class WebhookAuthenticator implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private final byte @Nullable [] token;

	private final byte @Nullable [] basicCredentials;

	/**
	 * Create an authenticator; at least one way must be given.
	 * @param token the shared token, or {@code null}
	 * @param username the Basic user name, or {@code null}
	 * @param password the Basic password, or {@code null}
	 */
	WebhookAuthenticator(@Nullable String token, @Nullable String username, @Nullable String password) {
		this.token = (token != null && !token.isEmpty()) ? token.getBytes(StandardCharsets.UTF_8) : null;
		this.basicCredentials = (username != null && !username.isEmpty() && password != null && !password.isEmpty())
				? (username + ":" + password).getBytes(StandardCharsets.UTF_8) : null;
		if (this.token == null && this.basicCredentials == null) {
			throw new IllegalArgumentException("A token or Basic credentials are required");
		}
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		if (!admits(queryToken(request), request.headers().firstHeader(HttpHeaders.AUTHORIZATION))) {
			return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
		}
		return next.handle(request);
	}

	/**
	 * Return whether the call may pass.
	 * @param tokenParameter the {@code token} query parameter, if any
	 * @param authorization the Authorization header, if any
	 * @return whether the call carries the token or the credentials
	 */
	boolean admits(@Nullable String tokenParameter, @Nullable String authorization) {
		boolean admitted = false;
		if (this.token != null && tokenParameter != null) {
			admitted = MessageDigest.isEqual(this.token, tokenParameter.getBytes(StandardCharsets.UTF_8));
		}
		if (this.basicCredentials != null && authorization != null
				&& authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				byte[] given = Base64.getDecoder().decode(authorization.substring(6).trim());
				admitted |= MessageDigest.isEqual(this.basicCredentials, given);
			}
			catch (IllegalArgumentException ex) {
				// not Base64: not admitted
			}
		}
		return admitted;
	}

	/**
	 * Return the first {@code token} parameter of the query string, decoded as the
	 * servlet container decodes query parameters, or {@code null}.
	 */
	private static @Nullable String queryToken(ServerRequest request) {
		String query = request.servletRequest().getQueryString();
		if (query == null) {
			return null;
		}
		String token = UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst("token");
		try {
			return (token != null) ? URLDecoder.decode(token, StandardCharsets.UTF_8) : null;
		}
		catch (IllegalArgumentException ex) {
			// a malformed escape: no token
			return null;
		}
	}

}

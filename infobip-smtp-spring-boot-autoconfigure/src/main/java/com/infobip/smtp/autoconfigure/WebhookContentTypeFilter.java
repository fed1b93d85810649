/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 to a webhook call whose Content-Type Spring MVC cannot route: a wildcard
 * such as {@code *}{@code /*} or {@code application/*}, or a malformed value. Spring MVC
 * fails on such a request before any functional endpoint runs (its
 * ServletServerHttpRequest refuses to expose a wildcard content type,
 * spring-framework#27957, and a content-type predicate rethrows the parse failure of a
 * malformed one), which would answer 500 and log a stack trace. Every other content type
 * is left to the endpoints' routes.
 */
final class WebhookContentTypeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!routable(request.getContentType())) {
			response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean routable(@Nullable String contentType) {
		if (contentType == null) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Decides who may call {@code POST /send}, which sends mail through the account, and
 * {@code /orders}, which sends order confirmations and shows customers' addresses. With
 * {@code sample.send-token} set, a caller must present that token in the
 * {@code X-Sample-Token} header or as a Bearer token (401 otherwise). Without it, only
 * callers on this machine may (403 otherwise).
 */
@Component
class SendAccess implements HandlerInterceptor, WebMvcConfigurer {

	// the caller's address as Tomcat gives it, an IP literal: a name is never resolved
	private static final Pattern LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}|0:0:0:0:0:0:0:1|::1");

	private final byte @Nullable [] token;

	SendAccess(@Value("${sample.send-token:}") String token) {
		this.token = token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// checked before the body is read, so a refused caller learns nothing from it
		registry.addInterceptor(this).addPathPatterns("/send", "/orders", "/orders/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String endpoint = "/send".equals(request.getServletPath()) ? "POST /send" : "/orders";
		if (this.token == null) {
			if (LOOPBACK.matcher(request.getRemoteAddr()).matches()) {
				return true;
			}
			throw refusal(HttpStatus.FORBIDDEN,
					endpoint + " takes calls from this machine only; set sample.send-token to take others");
		}
		String presented = presentedToken(request);
		// constant time: how long the comparison takes tells nothing about the token
		if (presented != null && MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8))) {
			return true;
		}
		ErrorResponseException refusal = refusal(HttpStatus.UNAUTHORIZED,
				endpoint + " needs the token of sample.send-token, in X-Sample-Token or as a Bearer token");
		refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		throw refusal;
	}

	private static @Nullable String presentedToken(HttpServletRequest request) {
		String token = request.getHeader("X-Sample-Token");
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			token = authorization.substring(7).trim();
		}
		return token;
	}

	private static ErrorResponseException refusal(HttpStatus status, String reason) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, reason), null);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.actuate;

import java.security.Principal;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with the starter, Actuator and Spring MVC, whose requests carry as their
 * principal the user named in the header {@value #USER_HEADER}, as an application with
 * Spring Security would have it authenticated.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OutboxEndpointApplication {

	static final String USER_HEADER = "X-Test-User";

	@Bean
	Filter testPrincipalFilter() {
		return (request, response, chain) -> {
			String user = ((HttpServletRequest) request).getHeader(USER_HEADER);
			if (user == null) {
				chain.doFilter(request, response);
				return;
			}
			chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {

				@Override
				public Principal getUserPrincipal() {
					return () -> user;
				}

			}, response);
		};
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Admits a webhook call that carries the shared token (query parameter {@code token}) or
 * the HTTP Basic credentials, comparing in constant time.
 *
 * @since 0.1.0
 */
public class WebhookAuthenticator {

	private final byte @Nullable [] token;

	private final byte @Nullable [] basicCredentials;

	/**
	 * Create an authenticator; at least one way must be given.
	 * @param token the shared token, or {@code null}
	 * @param username the Basic user name, or {@code null}
	 * @param password the Basic password, or {@code null}
	 */
	public WebhookAuthenticator(@Nullable String token, @Nullable String username, @Nullable String password) {
		this.token = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
		this.basicCredentials = (username != null && password != null)
				? (username + ":" + password).getBytes(StandardCharsets.UTF_8) : null;
		if (this.token == null && this.basicCredentials == null) {
			throw new IllegalArgumentException("A token or Basic credentials are required");
		}
	}

	/**
	 * Return whether the call may pass.
	 * @param tokenParameter the {@code token} query parameter, if any
	 * @param authorization the Authorization header, if any
	 * @return whether the call carries the token or the credentials
	 */
	public boolean admits(@Nullable String tokenParameter, @Nullable String authorization) {
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

}

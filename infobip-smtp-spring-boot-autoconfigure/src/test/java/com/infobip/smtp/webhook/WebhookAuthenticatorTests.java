/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookAuthenticatorTests {

	@Test
	void authenticatorAdmitsTokenOrBasicCredentialsOnly() {
		WebhookAuthenticator authenticator = new WebhookAuthenticator("tok", "user", "pw");
		String basic = "Basic " + Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8));
		String wrongBasic = "Basic " + Base64.getEncoder().encodeToString("user:no".getBytes(StandardCharsets.UTF_8));
		assertThat(authenticator.admits("tok", null)).isTrue();
		assertThat(authenticator.admits(null, basic)).isTrue();
		assertThat(authenticator.admits("to", null)).isFalse();
		assertThat(authenticator.admits(null, wrongBasic)).isFalse();
		assertThat(authenticator.admits(null, "Basic !!!")).isFalse();
		assertThat(authenticator.admits(null, null)).isFalse();
	}

}

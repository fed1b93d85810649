/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

/**
 * Credentials the test relays accept.
 */
public final class TestCredentials {

	/** User name of the API-key account, as Infobip expects it. */
	public static final String API_KEY_USER = "App";

	/** API key accepted by the relays. */
	public static final String API_KEY = "test-api-key-5ecret";

	/** Account user name accepted by the relays. */
	public static final String USERNAME = "shop-user";

	/** Account password accepted by the relays. */
	public static final String PASSWORD = "account-pa55word";

	private TestCredentials() {
	}

}

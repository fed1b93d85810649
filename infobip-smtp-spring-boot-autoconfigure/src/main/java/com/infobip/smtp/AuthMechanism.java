/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

/**
 * SASL mechanisms the Infobip relay supports for AUTH.
 *
 * @since 0.1.0
 */
public enum AuthMechanism {

	/** Username and password in one Base64 string. */
	PLAIN,

	/** Username and password sent one after the other. */
	LOGIN

}

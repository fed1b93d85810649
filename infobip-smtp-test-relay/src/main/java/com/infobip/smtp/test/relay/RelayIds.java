/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random ids, 16 bytes in hex: the queue ids the relay answers the end of data with, and
 * the API key it accepts when none is given.
 */
final class RelayIds {

	private static final SecureRandom random = new SecureRandom();

	private RelayIds() {
	}

	static String next() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}

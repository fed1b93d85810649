/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the most recent reports whose listeners succeeded, so that a duplicate
 * delivery is answered without being published again. Bounded: the oldest are forgotten
 * first.
 */
final class SeenReports {

	private final Map<String, Boolean> seen;

	SeenReports(int capacity) {
		this.seen = new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized boolean contains(String key) {
		return this.seen.containsKey(key);
	}

	synchronized void add(String key) {
		this.seen.put(key, Boolean.TRUE);
	}

}

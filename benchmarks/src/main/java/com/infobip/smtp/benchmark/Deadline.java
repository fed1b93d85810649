/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

/**
 * Ends a helper JVM the benchmark started (the relay, PostgreSQL) after its longest
 * lifetime, should the benchmark die without ending it.
 */
final class Deadline {

	private Deadline() {
	}

	static void exitAfter(long millis, String threadName) {
		Thread deadline = new Thread(() -> {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				return;
			}
			System.exit(2);
		}, threadName);
		deadline.setDaemon(true);
		deadline.start();
	}

}

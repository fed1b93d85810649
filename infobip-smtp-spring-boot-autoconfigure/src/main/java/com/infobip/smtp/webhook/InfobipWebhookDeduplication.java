/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

/**
 * Publishes each report once, however often Infobip delivers it: a report is claimed by
 * its key before it is published, a concurrent duplicate waits for the outcome, and a
 * failed publication is forgotten so that Infobip's retry publishes it. The default keeps
 * the most recent keys in memory; the outbox keeps them in the database, so that it holds
 * across instances.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InfobipWebhookDeduplication {

	/**
	 * Run the publication unless the report was published already. While another call
	 * publishes the same report, wait for its outcome, and publish if it failed.
	 * @param key the report's key, a digest of the fields that identify it
	 * @param publication publishes the report; its exception is rethrown and the report
	 * is not remembered
	 * @return whether this call published the report
	 * @throws InterruptedException if interrupted while waiting for another call
	 */
	boolean publishOnce(String key, Runnable publication) throws InterruptedException;

	/**
	 * Return a deduplication that remembers the most recent published reports of this
	 * instance in memory. A report is forgotten only once more than {@code capacity}
	 * reports were published after it, whatever duplicates were answered meanwhile; with
	 * a capacity of at least the most reports one call may carry, no single call can make
	 * it forget a report published before that call.
	 * @param capacity for how many later publications a published report is remembered
	 * @return the deduplication
	 */
	static InfobipWebhookDeduplication inMemory(int capacity) {
		SeenReports seen = new SeenReports(capacity);
		return (key, publication) -> {
			SeenReports.Claim claim = seen.claim(key);
			if (claim == null) {
				return false;
			}
			try {
				publication.run();
			}
			catch (RuntimeException | Error ex) {
				// Infobip's retry, or a duplicate waiting for this call, publishes it
				claim.failed();
				throw ex;
			}
			claim.published();
			return true;
		};
	}

}

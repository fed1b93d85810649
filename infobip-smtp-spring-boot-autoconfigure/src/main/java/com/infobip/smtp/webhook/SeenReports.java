/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Remembers the most recent reports whose listeners succeeded, so that a duplicate
 * delivery is answered without being published again. A report is claimed atomically
 * before it is published: a concurrent duplicate waits for the outcome of the claim and
 * is published only if that failed. Bounded: published reports are forgotten in the order
 * they were published, a report only once more than {@code capacity} reports were
 * published after it, and claims are held only while their listeners run. A duplicate
 * does not move its report, so answering duplicates never makes another report forgotten
 * sooner. Keys are digests, so their size does not depend on the report.
 */
final class SeenReports {

	// the newest report and the capacity reports published before it
	private final int keptReports;

	private final Set<String> published = new LinkedHashSet<>();

	private final Map<String, CompletableFuture<Boolean>> inFlight = new HashMap<>();

	SeenReports(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.keptReports = capacity + 1;
	}

	/**
	 * Return the key of a report, from the fields that identify it, or {@code null} when
	 * there are none and the report must not be taken for a duplicate of another.
	 * @param kind the kind of report
	 * @param identity the fields that identify it; the first one must be set
	 * @return the key, or {@code null}
	 */
	static @Nullable String key(String kind, @Nullable Object... identity) {
		if (identity.length == 0 || identity[0] == null || identity[0].toString().isBlank()) {
			return null;
		}
		MessageDigest digest = sha256();
		update(digest, kind);
		for (Object field : identity) {
			update(digest, (field != null) ? field.toString() : null);
		}
		return Base64.getEncoder().withoutPadding().encodeToString(digest.digest());
	}

	/**
	 * Claim a report for publication, waiting while another call publishes it.
	 * @param key the report's key
	 * @return the claim, to be released once the listeners ran, or {@code null} when the
	 * report was already published
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Nullable Claim claim(String key) throws InterruptedException {
		while (true) {
			CompletableFuture<Boolean> pending;
			synchronized (this) {
				if (this.published.contains(key)) {
					return null;
				}
				pending = this.inFlight.get(key);
				if (pending == null) {
					CompletableFuture<Boolean> outcome = new CompletableFuture<>();
					this.inFlight.put(key, outcome);
					return new Claim(key, outcome);
				}
			}
			if (published(pending)) {
				return null;
			}
			// the other call failed: claim it again, as Infobip's retry would
		}
	}

	private static boolean published(CompletableFuture<Boolean> outcome) throws InterruptedException {
		try {
			return outcome.get();
		}
		catch (ExecutionException ex) {
			return false;
		}
	}

	private void release(Claim claim, boolean published) {
		if (claim.outcome.isDone()) {
			return;
		}
		synchronized (this) {
			this.inFlight.remove(claim.key, claim.outcome);
			if (published && this.published.add(claim.key) && this.published.size() > this.keptReports) {
				this.published.remove(this.published.iterator().next());
			}
		}
		claim.outcome.complete(published);
	}

	private static void update(MessageDigest digest, @Nullable String field) {
		// length-prefixed, so that no two different lists of fields give the same input
		if (field == null) {
			digest.update((byte) 0);
			return;
		}
		byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
		digest.update((byte) 1);
		digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
		digest.update((byte) ':');
		digest.update(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * A report claimed for publication, to be released as published or not; only the
	 * first release counts.
	 */
	final class Claim {

		private final String key;

		private final CompletableFuture<Boolean> outcome;

		private Claim(String key, CompletableFuture<Boolean> outcome) {
			this.key = key;
			this.outcome = outcome;
		}

		void published() {
			release(this, true);
		}

		void failed() {
			release(this, false);
		}

	}

}

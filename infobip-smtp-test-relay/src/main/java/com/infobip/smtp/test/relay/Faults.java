/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults an {@link SmtpTestRelay} has still to inject, each taken by the connection,
 * AUTH, command or message it applies to, and the replies it holds back. Thread-safe:
 * every take is atomic.
 */
final class Faults {

	private final AtomicInteger heldReplies = new AtomicInteger();

	private volatile CountDownLatch release = new CountDownLatch(1);

	private final Map<Fault, Integer> counts = new EnumMap<>(Fault.class);

	// reply code to count, taken lowest code first
	private final NavigableMap<Integer, Integer> recipientFailures = new TreeMap<>();

	private final NavigableMap<Integer, Integer> dataFailures = new TreeMap<>();

	private final Map<String, Integer> refusedRecipients = new HashMap<>();

	private int senderRefusalCode;

	private Duration dataDelay = Duration.ZERO;

	synchronized void add(Fault fault, int count) {
		this.counts.merge(fault, count, Integer::sum);
	}

	synchronized boolean take(Fault fault) {
		Integer left = this.counts.get(fault);
		if (left == null || left <= 0) {
			return false;
		}
		this.counts.put(fault, left - 1);
		return true;
	}

	synchronized void addRecipientFailures(int count, int code) {
		this.recipientFailures.merge(code, count, Integer::sum);
	}

	/**
	 * Take the next recipient failure.
	 * @return its reply code, or 0 for none
	 */
	synchronized int takeRecipientFailure() {
		return take(this.recipientFailures);
	}

	synchronized void addDataFailures(int count, int code) {
		this.dataFailures.merge(code, count, Integer::sum);
	}

	/**
	 * Take the next failure of the end of data.
	 * @return its reply code, or 0 for none
	 */
	synchronized int takeDataFailure() {
		return take(this.dataFailures);
	}

	synchronized void refuseRecipient(String address, int code) {
		this.refusedRecipients.put(address, code);
	}

	/**
	 * Return the code the recipient is always refused with.
	 * @return the code, or 0 when it is not refused
	 */
	synchronized int recipientRefusalCode(String address) {
		return this.refusedRecipients.getOrDefault(address, 0);
	}

	synchronized void refuseSenders(int code) {
		this.senderRefusalCode = code;
	}

	synchronized int senderRefusalCode() {
		return this.senderRefusalCode;
	}

	synchronized void dataDelay(Duration delay) {
		this.dataDelay = delay;
	}

	synchronized Duration dataDelay() {
		return this.dataDelay;
	}

	/**
	 * Hold the calling thread back until {@link #release()} if the fault is scripted.
	 * @param fault {@link Fault#HOLD_AT_RECIPIENT} or {@link Fault#HOLD_AFTER_DATA}
	 */
	void holdIf(Fault fault) {
		// the latch first: a release after it lets this reply go
		CountDownLatch latch = this.release;
		if (take(fault)) {
			this.heldReplies.incrementAndGet();
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Let every reply held back go, and withdraw those still to be held.
	 */
	void release() {
		CountDownLatch released;
		synchronized (this) {
			this.counts.remove(Fault.HOLD_AT_RECIPIENT);
			this.counts.remove(Fault.HOLD_AFTER_DATA);
			released = this.release;
			this.release = new CountDownLatch(1);
		}
		released.countDown();
	}

	int heldReplies() {
		return this.heldReplies.get();
	}

	/**
	 * Withdraw every fault (replies held back stay held).
	 */
	synchronized void clear() {
		this.counts.clear();
		this.recipientFailures.clear();
		this.dataFailures.clear();
		this.refusedRecipients.clear();
		this.senderRefusalCode = 0;
		this.dataDelay = Duration.ZERO;
	}

	private static int take(NavigableMap<Integer, Integer> failures) {
		Map.Entry<Integer, Integer> first = failures.firstEntry();
		if (first == null) {
			return 0;
		}
		if (first.getValue() <= 1) {
			failures.remove(first.getKey());
		}
		else {
			failures.put(first.getKey(), first.getValue() - 1);
		}
		return first.getKey();
	}

	/**
	 * Faults counted down one by one.
	 */
	enum Fault {

		GREETING, AUTHENTICATION, DROP_AT_RECIPIENT, HOLD_AT_RECIPIENT, DROP_AFTER_DATA, HOLD_AFTER_DATA

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many entries of this instance are {@code SENDING} at once: from the mark,
 * right before an entry's data, until its outcome is recorded. The sender gives a
 * connection back to its pool as soon as the relay answered, before the outcome is
 * written, so without this bound the next entry on that connection could be marked while
 * the last one still is, and an instance that dies then would leave two entries
 * {@code UNKNOWN} for one connection. With as many slots as the pool has connections, it
 * leaves at most that many. A slot is handed over from an entry to the next one whose
 * mark is committed in the same transaction as the first one's outcome.
 */
final class SendingSlots {

	private final Semaphore slots;

	// the entries holding a slot
	private final Set<String> holders = ConcurrentHashMap.newKeySet();

	SendingSlots(int slots) {
		this.slots = new Semaphore(slots, true);
	}

	/**
	 * Take a slot for the entry unless it holds one (a later attempt of the same send),
	 * waiting for one: another entry's outcome being written.
	 * @param id the entry's id
	 */
	void take(String id) {
		if (this.holders.contains(id)) {
			return;
		}
		try {
			this.slots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to mark an outbox entry as being sent", ex);
		}
		this.holders.add(id);
	}

	/**
	 * Return whether the entry holds a slot: it was marked, and its outcome is not yet
	 * recorded.
	 * @param id the entry's id
	 */
	boolean holds(String id) {
		return this.holders.contains(id);
	}

	/**
	 * Hand an entry's slot over to another entry: the first one's outcome and the second
	 * one's mark were committed together.
	 * @param from the id of the entry that holds the slot
	 * @param to the id of the entry that takes it
	 */
	void handOver(String from, String to) {
		if (!this.holders.remove(from)) {
			throw new IllegalStateException("Outbox entry " + from + " holds no slot to hand over");
		}
		this.holders.add(to);
	}

	/**
	 * Give back the entry's slot, if it holds one.
	 * @param id the entry's id
	 */
	void giveBack(String id) {
		if (this.holders.remove(id)) {
			this.slots.release();
		}
	}

}

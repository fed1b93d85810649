/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessagePreparator;

/**
 * A durable outbox for mail: a message is enqueued in the caller's transaction, with the
 * business change or not at all, then sent by the dispatchers of every instance that
 * shares the database. A message is sent at most once: one that may have reached the
 * relay but whose answer was lost becomes {@link InfobipOutboxStatus#UNKNOWN} and is
 * never sent again automatically.
 *
 * @since 0.1.0
 */
public interface InfobipMailOutbox {

	/**
	 * Check and prepare the message as a send would, and store it in the caller's
	 * transaction (or at once without one); it is sent once that commits.
	 * @param message the message
	 * @return the entry's id
	 * @throws com.infobip.smtp.InvalidMessageException if the message must not be sent
	 * @throws org.springframework.dao.DataAccessException if it could not be stored
	 */
	String enqueue(MimeMessage message) throws MailException;

	/**
	 * Enqueue a message to be sent no earlier than the given time; until a dispatcher
	 * takes it, it can be {@linkplain #cancel cancelled}.
	 * @param message the message
	 * @param notBefore when it is sent at the earliest; a time past means now
	 * @return the entry's id
	 * @see #enqueue(MimeMessage)
	 */
	String enqueue(MimeMessage message, Instant notBefore) throws MailException;

	/**
	 * Enqueue a message under an application key, unique across the outbox: if an entry
	 * with that key exists, from any instance and however it ended, its id is returned
	 * and nothing is stored. A transaction that enqueues a key another one enqueued and
	 * has not committed yet waits for it to commit (and gets its entry) or roll back (and
	 * stores its own). Keys are kept with their entry for the retention.
	 * @param key the key, for instance an order's id and the mail's purpose: at most 255
	 * characters
	 * @param message the message
	 * @return the id of the entry with that key
	 * @throws IllegalArgumentException if the key is empty or longer than 255 characters
	 * @see #enqueue(MimeMessage)
	 */
	String enqueue(String key, MimeMessage message) throws MailException;

	/**
	 * Enqueue a message under an application key, to be sent no earlier than the given
	 * time.
	 * @param key the key, at most 255 characters
	 * @param message the message
	 * @param notBefore when it is sent at the earliest; a time past means now
	 * @return the id of the entry with that key
	 * @see #enqueue(String, MimeMessage)
	 * @see #enqueue(MimeMessage, Instant)
	 */
	String enqueue(String key, MimeMessage message, Instant notBefore) throws MailException;

	/**
	 * Prepare a message and enqueue it.
	 * @param preparator prepares the message
	 * @return the entry's id
	 * @see #enqueue(MimeMessage)
	 */
	String enqueue(MimeMessagePreparator preparator) throws MailException;

	/**
	 * Return what the ledger knows of an entry, the relay's reply to its last attempt
	 * included.
	 * @param id the entry's id
	 * @return the entry, or empty if there is none (never enqueued, rolled back, or
	 * deleted after the retention)
	 */
	Optional<InfobipOutboxEntry> find(String id);

	/**
	 * Return a page of the entries in a status.
	 * @param status the status
	 * @param order oldest or newest first, by when they were enqueued
	 * @param offset how many entries to skip
	 * @param limit how many entries to return at most, at most 1000
	 * @return the entries
	 * @throws IllegalArgumentException if the offset is negative or the limit not between
	 * 1 and 1000
	 */
	List<InfobipOutboxEntry> findByStatus(InfobipOutboxStatus status, InfobipOutboxOrder order, int offset, int limit);

	/**
	 * Count the entries by status.
	 * @return a count for every status, zero included
	 */
	Map<InfobipOutboxStatus, Long> countByStatus();

	/**
	 * Return how long the oldest entry that waits to be sent has waited: since it was
	 * enqueued, or since it became due for one enqueued for later. Entries not due yet do
	 * not wait.
	 * @return its age, or empty when none waits
	 */
	Optional<Duration> oldestPendingAge();

	/**
	 * Send a {@link InfobipOutboxStatus#FAILED} entry again: it becomes
	 * {@link InfobipOutboxStatus#PENDING}, due now, with its attempts counted afresh.
	 * Logged at INFO with the entry's id and the caller.
	 * @param id the entry's id
	 * @return {@code true} if it was done; {@code false} if there is no such entry or it
	 * is not {@code FAILED} (anymore: another operator or instance came first)
	 */
	boolean retry(String id);

	/**
	 * Record an operator's decision on an {@link InfobipOutboxStatus#UNKNOWN} entry:
	 * {@link InfobipOutboxResolution#SENT} if Infobip has it,
	 * {@link InfobipOutboxResolution#RETRY} to send it again, on purpose. Logged at INFO
	 * with the entry's id, the decision and the caller.
	 * @param id the entry's id
	 * @param resolution the decision
	 * @return {@code true} if it was done; {@code false} if there is no such entry or it
	 * is not {@code UNKNOWN} (anymore)
	 */
	boolean resolveUnknown(String id, InfobipOutboxResolution resolution);

	/**
	 * Cancel a {@link InfobipOutboxStatus#PENDING} entry, which was never sent: it
	 * becomes {@link InfobipOutboxStatus#CANCELLED} and is never sent. An entry a
	 * dispatcher claimed but has not started to write to the relay can still be
	 * cancelled; once it is {@link InfobipOutboxStatus#SENDING} it cannot. Logged at INFO
	 * with the entry's id and the caller.
	 * @param id the entry's id
	 * @return {@code true} if it was done; {@code false} if there is no such entry or it
	 * is not {@code PENDING} (anymore)
	 */
	boolean cancel(String id);

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.time.Duration;
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
	 * Prepare a message and enqueue it.
	 * @param preparator prepares the message
	 * @return the entry's id
	 * @see #enqueue(MimeMessage)
	 */
	String enqueue(MimeMessagePreparator preparator) throws MailException;

	/**
	 * Return what the ledger knows of an entry.
	 * @param id the entry's id
	 * @return the entry, or empty if there is none (never enqueued, rolled back, or
	 * deleted after the retention)
	 */
	Optional<InfobipOutboxEntry> find(String id);

	/**
	 * Count the entries by status.
	 * @return a count for every status, zero included
	 */
	Map<InfobipOutboxStatus, Long> countByStatus();

	/**
	 * Return how long the oldest entry that is not sent yet has waited.
	 * @return its age, or empty when none waits
	 */
	Optional<Duration> oldestPendingAge();

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.api.Trigger;

/**
 * An H2 trigger that fails the second {@code SENDING} mark written after
 * {@link #reset()}, once: with one dispatcher, the first mark of a batch that carries an
 * outcome.
 */
public class FailingMarkTrigger implements Trigger {

	private static final AtomicInteger marks = new AtomicInteger();

	static void reset() {
		marks.set(0);
	}

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		boolean marked = newRow != null && "SENDING".equals(newRow[1]) && !"SENDING".equals(oldRow[1]);
		if (marked && marks.incrementAndGet() == 2) {
			throw new SQLException("The second mark fails");
		}
	}

}

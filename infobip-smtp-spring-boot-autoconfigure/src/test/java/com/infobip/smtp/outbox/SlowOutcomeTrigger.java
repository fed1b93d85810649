/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.sql.Connection;

import org.h2.api.Trigger;

/**
 * An H2 trigger that makes every write of a {@code SENT} outcome take 40 ms, so that the
 * time between the relay's answer and its record is long enough to be seen.
 */
public class SlowOutcomeTrigger implements Trigger {

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws java.sql.SQLException {
		if (newRow != null && "SENT".equals(newRow[1]) && (oldRow == null || !"SENT".equals(oldRow[1]))) {
			try {
				Thread.sleep(40);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

/**
 * How many connections to the relay a sender has, at one moment.
 *
 * @param open connections open, idle or in use
 * @param idle connections open and unused
 * @param waiting threads waiting for a connection
 * @since 0.1.0
 */
public record ConnectionUsage(int open, int idle, int waiting) {

}

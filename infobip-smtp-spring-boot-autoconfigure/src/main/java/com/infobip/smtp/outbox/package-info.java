/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A durable outbox and delivery ledger on the application's database: messages enqueued
 * in the caller's transaction, sent by dispatchers on every instance, and their fate
 * recorded, up to Infobip's delivery report.
 */
@NullMarked
package com.infobip.smtp.outbox;

import org.jspecify.annotations.NullMarked;

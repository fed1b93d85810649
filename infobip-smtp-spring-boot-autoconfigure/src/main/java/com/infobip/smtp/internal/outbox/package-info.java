/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API: the JDBC outbox behind InfobipMailOutbox, its dispatchers and its
 * table, and what the webhook and the metrics of the starter read and write there. Public
 * only where the auto-configuration or the metrics need it; may change in any release.
 */
@NullMarked
package com.infobip.smtp.internal.outbox;

import org.jspecify.annotations.NullMarked;

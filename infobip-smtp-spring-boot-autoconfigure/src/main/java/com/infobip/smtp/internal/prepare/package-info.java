/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Readies a message for the relay and refuses what must not be sent: defaults and
 * post-processors, saved changes, transfer encodings, header, envelope and size checks.
 * Not API: it may change in any release.
 */
@NullMarked
package com.infobip.smtp.internal.prepare;

import org.jspecify.annotations.NullMarked;

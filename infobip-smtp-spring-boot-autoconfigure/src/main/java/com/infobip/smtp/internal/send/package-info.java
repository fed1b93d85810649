/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Sends prepared messages: delivery with retry, failure translation, observation, async
 * sends, batches and the sender's lifecycle. Not API: it may change in any release.
 */
@NullMarked
package com.infobip.smtp.internal.send;

import org.jspecify.annotations.NullMarked;

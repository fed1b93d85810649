/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Health indicators: the Infobip SMTP relay can be reached and authenticated with, and
 * the outbox is being sent.
 */
@NullMarked
package com.infobip.smtp.health;

import org.jspecify.annotations.NullMarked;

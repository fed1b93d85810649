/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Micrometer meters for sends through the Infobip SMTP relay and for the outbox.
 */
@NullMarked
package com.infobip.smtp.metrics;

import org.jspecify.annotations.NullMarked;

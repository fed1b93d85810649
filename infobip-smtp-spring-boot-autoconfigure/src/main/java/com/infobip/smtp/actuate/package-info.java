/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Actuator endpoints: the outbox's entries and its operators' operations.
 */
@NullMarked
package com.infobip.smtp.actuate;

import org.jspecify.annotations.NullMarked;

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Infobip's delivery reports and tracking notifications, received as webhooks and
 * published as Spring application events.
 */
@NullMarked
package com.infobip.smtp.webhook;

import org.jspecify.annotations.NullMarked;

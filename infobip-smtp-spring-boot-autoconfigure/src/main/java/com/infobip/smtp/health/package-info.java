/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Health indicator that checks the Infobip SMTP relay can be reached and authenticated
 * with.
 */
@NullMarked
package com.infobip.smtp.health;

import org.jspecify.annotations.NullMarked;

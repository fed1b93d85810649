/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Throughput benchmark of InfobipMailSender against stock Spring Boot mail.
 */
@NullMarked
package com.infobip.smtp.benchmark;

import org.jspecify.annotations.NullMarked;

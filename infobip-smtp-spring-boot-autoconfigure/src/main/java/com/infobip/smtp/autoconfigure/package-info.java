/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Auto-configuration for the Infobip SMTP starter.
 */
@NullMarked
package com.infobip.smtp.autoconfigure;

import org.jspecify.annotations.NullMarked;

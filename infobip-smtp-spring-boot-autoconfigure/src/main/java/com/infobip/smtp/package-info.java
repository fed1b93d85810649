/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Sending email through the Infobip SMTP API: {@link com.infobip.smtp.InfobipMailSender}
 * and the Infobip-specific message headers.
 */
@NullMarked
package com.infobip.smtp;

import org.jspecify.annotations.NullMarked;

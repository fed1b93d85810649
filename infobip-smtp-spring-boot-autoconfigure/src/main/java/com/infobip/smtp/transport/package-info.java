/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * SMTP connections to the Infobip relay: TLS or STARTTLS, certificate checks and AUTH.
 */
@NullMarked
package com.infobip.smtp.transport;

import org.jspecify.annotations.NullMarked;

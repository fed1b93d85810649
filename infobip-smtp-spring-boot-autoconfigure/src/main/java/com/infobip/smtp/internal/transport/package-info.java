/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API: SMTP connections to the Infobip relay (TLS or STARTTLS, certificate
 * checks, AUTH), the pool, reply parsing and failure classification. Public only where
 * another package of the starter or Jakarta Mail needs it; may change in any release.
 */
@NullMarked
package com.infobip.smtp.internal.transport;

import org.jspecify.annotations.NullMarked;

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * An in-JVM SMTP relay that behaves as Infobip's, with fault injection, and the
 * certificates it presents, for tests and benchmarks.
 */
@NullMarked
package com.infobip.smtp.test.relay;

import org.jspecify.annotations.NullMarked;

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Test support: an Infobip-like SMTP relay and delivery-report simulator for an
 * application's own tests.
 */
@NullMarked
package com.infobip.smtp.test;

import org.jspecify.annotations.NullMarked;

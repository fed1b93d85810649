/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Sample application sending through InfobipMailSender.
 */
@NullMarked
package com.infobip.smtp.sample;

import org.jspecify.annotations.NullMarked;

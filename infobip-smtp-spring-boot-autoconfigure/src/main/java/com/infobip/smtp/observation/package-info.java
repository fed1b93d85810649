/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Micrometer Observation support for sends through the Infobip SMTP relay.
 */
@NullMarked
package com.infobip.smtp.observation;

import org.jspecify.annotations.NullMarked;

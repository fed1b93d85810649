/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

/**
 * A recipient the relay refused at RCPT TO.
 *
 * @param address the refused address
 * @param reply the relay's refusal
 * @since 0.1.0
 */
public record RefusedRecipient(String address, SmtpReply reply) {

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.List;

import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.SmtpReply;
import org.jspecify.annotations.Nullable;

/**
 * What the relay answered to a message it accepted, for some or all of its recipients.
 *
 * @param serverReply the reply to the end of the data, for instance "250 2.6.0 Message
 * queued as &lt;id&gt;"
 * @param acceptedRecipients the recipients the message went to
 * @param refusedRecipients the recipients the relay refused
 * @since 0.1.0
 */
public record SmtpReceipt(SmtpReply reply, List<String> acceptedRecipients, List<RefusedRecipient> refusedRecipients) {

}

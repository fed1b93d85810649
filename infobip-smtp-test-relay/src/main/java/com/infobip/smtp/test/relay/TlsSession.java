/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

/**
 * What a session to an {@link SmtpTestRelay} negotiated for TLS.
 *
 * @param protocol the TLS version, for instance "TLSv1.3"
 * @param cipherSuite the cipher suite
 * @since 0.1.0
 */
public record TlsSession(String protocol, String cipherSuite) {

}

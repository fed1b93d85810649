/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.util.Map;

import com.infobip.smtp.SmtpSecurity;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay.Credentials;
import org.jspecify.annotations.Nullable;

/**
 * The attributes that {@link AutoConfigureInfobipSmtpTestRelay} and
 * {@link ImportInfobipSmtpTestRelay} share: which relay to start, and how the application
 * authenticates with it.
 *
 * @param security how the relay secures connections
 * @param credentials the credentials set for the application
 * @param pipelining whether the relay offers PIPELINING
 */
record RelayAttributes(SmtpSecurity security, Credentials credentials, boolean pipelining) {

	static RelayAttributes of(AutoConfigureInfobipSmtpTestRelay annotation) {
		return new RelayAttributes(annotation.security(), annotation.credentials(), annotation.pipelining());
	}

	/**
	 * Return the attributes of an annotation read as a map, or the defaults for none.
	 * @param attributes the annotation's attributes
	 * @return the attributes
	 */
	static RelayAttributes of(@Nullable Map<String, @Nullable Object> attributes) {
		if (attributes == null) {
			return new RelayAttributes(SmtpSecurity.STARTTLS, Credentials.API_KEY, true);
		}
		return new RelayAttributes((SmtpSecurity) attributes.get("security"),
				(Credentials) attributes.get("credentials"), Boolean.TRUE.equals(attributes.get("pipelining")));
	}

	InfobipSmtpTestRelay start() {
		return InfobipSmtpTestRelay.builder().security(this.security).pipelining(this.pipelining).start();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.util.LinkedHashMap;
import java.util.Map;

import com.infobip.smtp.test.relay.Faults.Fault;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.Session;

/**
 * The credentials a relay accepts: user {@value SmtpTestRelay#API_KEY_USERNAME} with the
 * API key, and the accounts it was given. Counts every AUTH attempt, and refuses one,
 * whatever the credentials, when a refusal is scripted.
 */
final class RelayAccounts implements UsernamePasswordValidator {

	private final Map<String, String> secrets;

	private final Faults faults;

	private final Traffic traffic;

	RelayAccounts(Map<String, String> accounts, String apiKey, Faults faults, Traffic traffic) {
		this.secrets = new LinkedHashMap<>(accounts);
		this.secrets.put(SmtpTestRelay.API_KEY_USERNAME, apiKey);
		this.faults = faults;
		this.traffic = traffic;
	}

	@Override
	public void login(String username, String password, MessageContext context) throws LoginFailedException {
		this.traffic.authAttempt((Session) context);
		if (this.faults.take(Fault.AUTHENTICATION) || !password.equals(this.secrets.get(username))) {
			throw new LoginFailedException();
		}
	}

}

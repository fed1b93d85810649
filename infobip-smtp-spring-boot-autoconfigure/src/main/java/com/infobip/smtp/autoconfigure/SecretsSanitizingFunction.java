/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.Environment;

/**
 * Masks the starter's secrets wherever the actuator shows them: under their property
 * names in any relaxed form (environment variables such as INFOBIP_SMTP_WEBHOOK_TOKEN
 * included), under the variables the README tells users to set, and in any other entry
 * whose value holds a configured secret, such as a variable of the application's own
 * naming that a placeholder reads, or sun.java.command with a --infobip.smtp.api-key
 * argument.
 */
final class SecretsSanitizingFunction implements SanitizingFunction {

	private static final List<String> SECRET_PROPERTIES = List.of("infobip.smtp.api-key", "infobip.smtp.password",
			"infobip.smtp.webhook.token", "infobip.smtp.webhook.password");

	// the properties, flattened, and the variables the README and the sample use
	private static final Set<String> SECRET_KEYS = Set.of("infobipsmtpapikey", "infobipsmtppassword",
			"infobipsmtpwebhooktoken", "infobipsmtpwebhookpassword", "infobipapikey", "infobippassword",
			"infobipwebhooktoken", "infobipwebhookpassword");

	private final Environment environment;

	SecretsSanitizingFunction(Environment environment) {
		this.environment = environment;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		if (SECRET_KEYS.contains(flatten(data.getKey())) || holdsSecret(String.valueOf(data.getValue()))) {
			return data.withSanitizedValue();
		}
		return data;
	}

	private boolean holdsSecret(String value) {
		for (String secret : secrets()) {
			if (value.contains(secret)) {
				return true;
			}
		}
		return false;
	}

	// read on every call: the environment may change, and the endpoints are rarely asked
	private List<String> secrets() {
		List<String> secrets = new ArrayList<>(SECRET_PROPERTIES.size());
		for (String property : SECRET_PROPERTIES) {
			try {
				String secret = this.environment.getProperty(property);
				if (secret != null && !secret.isBlank()) {
					secrets.add(secret);
				}
			}
			catch (RuntimeException ex) {
				// an unresolvable placeholder: no value to look for
			}
		}
		return secrets;
	}

	private static String flatten(String key) {
		StringBuilder flat = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				flat.append(c);
			}
		}
		return flat.toString().toLowerCase(Locale.ROOT);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.infobip.smtp.test.relay.TestCertificates;

/**
 * GreenMail relays speaking implicit TLS (SMTPS) with AUTH, presenting a certificate for
 * localhost issued by {@link TestCertificates#TRUSTED_CA}.
 */
public final class GreenMailRelays {

	/** User name of the API-key account. */
	public static final String API_KEY_USER = TestCredentials.API_KEY_USER;

	/** API key accepted by the relay. */
	public static final String API_KEY = TestCredentials.API_KEY;

	/** Account user name accepted by the relay. */
	public static final String USERNAME = TestCredentials.USERNAME;

	/** Account password accepted by the relay. */
	public static final String PASSWORD = TestCredentials.PASSWORD;

	static {
		// GreenMail reads its server key once per JVM, from these properties
		System.setProperty("greenmail.tls.keystore.file",
				TestCertificates.LOCALHOST.getPkcs12File().toAbsolutePath().toString());
		System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
		System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
	}

	private GreenMailRelays() {
	}

	/**
	 * Return an extension running an SMTPS relay on a free loopback port that accepts the
	 * API key and the account credentials.
	 * @return the extension
	 */
	public static GreenMailExtension smtps() {
		return new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort()).withConfiguration(users());
	}

	/**
	 * Start an SMTPS relay like {@link #smtps()} that the caller stops.
	 * @return the running relay
	 */
	public static GreenMail startSmtps() {
		GreenMail greenMail = new GreenMail(ServerSetupTest.SMTPS.dynamicPort()).withConfiguration(users());
		greenMail.start();
		return greenMail;
	}

	private static GreenMailConfiguration users() {
		return GreenMailConfiguration.aConfig()
			.withUser("app@localhost", API_KEY_USER, API_KEY)
			.withUser("shop-user@localhost", USERNAME, PASSWORD);
	}

}

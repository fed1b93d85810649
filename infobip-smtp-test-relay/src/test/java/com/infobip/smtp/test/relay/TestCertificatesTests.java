/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The committed certificates are what the tests need, and stay valid for generations.
 */
class TestCertificatesTests {

	@Test
	void everyCertificateIsValidUntil2125AndMarkedTestOnly() {
		List<X509Certificate> certificates = List.of(TestCertificates.TRUSTED_CA.getCertificate(),
				TestCertificates.UNTRUSTED_CA.getCertificate(), leaf(TestCertificates.LOCALHOST),
				leaf(TestCertificates.UNTRUSTED_LOCALHOST), leaf(TestCertificates.OTHER_HOST));
		Instant inAHundredYears = ZonedDateTime.of(2124, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
		assertThat(certificates).allSatisfy((certificate) -> {
			assertThat(certificate.getNotBefore().toInstant()).isBeforeOrEqualTo(Instant.now());
			assertThat(certificate.getNotAfter().toInstant()).isAfter(inAHundredYears);
			assertThat(certificate.getSubjectX500Principal().getName()).contains("TEST ONLY");
			assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
		});
	}

	@Test
	void localhostIsIssuedByTheTrustedCaForItsNameAndAddress() throws Exception {
		assertThat(TestCertificates.LOCALHOST.getCertificateChain()).hasSize(2)
			.last()
			.isEqualTo(TestCertificates.TRUSTED_CA.getCertificate());
		assertThat(alternativeNames(leaf(TestCertificates.LOCALHOST))).containsExactly("localhost", "127.0.0.1");
		trustedBy(TestCertificates.TRUSTED_CA, TestCertificates.LOCALHOST);
	}

	@Test
	void otherHostIsTrustedButNamesOnlyItsOwnHost() throws Exception {
		assertThat(alternativeNames(leaf(TestCertificates.OTHER_HOST))).containsExactly("relay.example.org");
		trustedBy(TestCertificates.TRUSTED_CA, TestCertificates.OTHER_HOST);
	}

	@Test
	void untrustedLocalhostChainsOnlyToTheUntrustedCa() throws Exception {
		assertThat(alternativeNames(leaf(TestCertificates.UNTRUSTED_LOCALHOST))).containsExactly("localhost",
				"127.0.0.1");
		trustedBy(TestCertificates.UNTRUSTED_CA, TestCertificates.UNTRUSTED_LOCALHOST);
		assertThatException()
			.isThrownBy(() -> trustedBy(TestCertificates.TRUSTED_CA, TestCertificates.UNTRUSTED_LOCALHOST));
	}

	@Test
	void caPemIsReadableFromItsClasspathLocation() throws Exception {
		String location = TestCertificates.TRUSTED_CA.getPemLocation();
		assertThat(location).startsWith("classpath:");
		String resource = location.substring("classpath:".length());
		try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(resource))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
				.isEqualTo(TestCertificates.TRUSTED_CA.getPem())
				.startsWith("-----BEGIN CERTIFICATE-----");
		}
	}

	@Test
	void identityIsWrittenAsAPkcs12FileProtectedByThePassword() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(TestCertificates.LOCALHOST.getPkcs12File())) {
			store.load(in, TestCertificates.PASSWORD.toCharArray());
		}
		assertThat(store.getKey("server", TestCertificates.PASSWORD.toCharArray())).isNotNull();
		assertThat(TestCertificates.LOCALHOST.getPkcs12File()).isEqualTo(TestCertificates.LOCALHOST.getPkcs12File());
	}

	private static X509Certificate leaf(TestCertificates.ServerIdentity identity) {
		return identity.getCertificateChain().get(0);
	}

	private static List<String> alternativeNames(X509Certificate certificate) throws CertificateParsingException {
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		return names.stream().map((name) -> String.valueOf(name.get(1))).toList();
	}

	private static void trustedBy(TestCertificates.CertificateAuthority authority,
			TestCertificates.ServerIdentity identity) throws Exception {
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("ca", authority.getCertificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trustStore);
		X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
		trustManager.checkServerTrusted(identity.getCertificateChain().toArray(X509Certificate[]::new), "ECDHE_ECDSA");
	}

}

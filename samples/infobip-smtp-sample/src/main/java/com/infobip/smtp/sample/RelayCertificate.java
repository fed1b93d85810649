/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A self-signed certificate for localhost, generated at start-up for the offline relay:
 * the relay presents it, and the application trusts it through an SSL bundle, so the
 * starter verifies the certificate and host name as it does against Infobip. GreenMail
 * reads its key once per JVM, so every relay started in the JVM (the tests start one per
 * application context) presents the first certificate: it is generated once and shared.
 */
final class RelayCertificate {

	static final String PASSWORD = "offline-relay";

	private static @Nullable RelayCertificate shared;

	private final Path keyStore;

	private final Path certificatePem;

	private RelayCertificate(Path keyStore, Path certificatePem) {
		this.keyStore = keyStore;
		this.certificatePem = certificatePem;
	}

	static synchronized RelayCertificate shared() {
		RelayCertificate certificate = shared;
		if (certificate == null) {
			certificate = generate();
			shared = certificate;
		}
		return certificate;
	}

	private static RelayCertificate generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(256);
			KeyPair keys = generator.generateKeyPair();
			X500Name name = new X500Name("CN=localhost");
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
			Path directory = Files.createTempDirectory("infobip-sample-relay");
			directory.toFile().deleteOnExit();
			Path keyStore = directory.resolve("relay.p12");
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("relay", keys.getPrivate(), PASSWORD.toCharArray(),
					new X509Certificate[] { certificate });
			try (OutputStream out = Files.newOutputStream(keyStore)) {
				store.store(out, PASSWORD.toCharArray());
			}
			Path pem = directory.resolve("relay.pem");
			Files.writeString(pem,
					"-----BEGIN CERTIFICATE-----\n"
							+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded())
							+ "\n-----END CERTIFICATE-----\n",
					StandardCharsets.US_ASCII);
			keyStore.toFile().deleteOnExit();
			pem.toFile().deleteOnExit();
			return new RelayCertificate(keyStore, pem);
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not generate the offline relay's certificate", ex);
		}
	}

	Path keyStore() {
		return this.keyStore;
	}

	Path certificatePem() {
		return this.certificatePem;
	}

}

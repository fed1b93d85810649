/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority generated once per JVM and the localhost identity it issues, so
 * that a relay's certificate is trusted through the CA's PEM alone and no key ever sits
 * in the repository. {@link InfobipSmtpTestRelay} presents this identity; a test that
 * runs an SMTP server of its own can present it too, and clients trust either through
 * {@link #caPem()} or {@link #clientSocketFactory()}.
 *
 * @since 0.1.0
 */
public final class RelayCertificates {

	private static final char[] PASSWORD = "relay".toCharArray();

	private static volatile RelayCertificates instance;

	private final String caPem;

	private final KeyStore serverKeyStore;

	private final KeyStore trustStore;

	private RelayCertificates() {
		try {
			KeyPair caKeys = keyPair();
			X500Name caName = new X500Name("CN=Infobip SMTP Test Relay CA");
			X509Certificate ca = sign(caName, caName, caKeys, caKeys, true);
			KeyPair serverKeys = keyPair();
			X509Certificate server = sign(caName, new X500Name("CN=localhost"), caKeys, serverKeys, false);
			this.serverKeyStore = KeyStore.getInstance("PKCS12");
			this.serverKeyStore.load(null, null);
			this.serverKeyStore.setKeyEntry("relay", serverKeys.getPrivate(), PASSWORD,
					new X509Certificate[] { server, ca });
			this.trustStore = KeyStore.getInstance("PKCS12");
			this.trustStore.load(null, null);
			this.trustStore.setCertificateEntry("ca", ca);
			this.caPem = pem(ca);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not generate the test relay's certificates", ex);
		}
	}

	/**
	 * Return the certificates of this JVM, generating them on first use.
	 * @return the certificates
	 */
	public static RelayCertificates get() {
		RelayCertificates certificates = instance;
		if (certificates == null) {
			synchronized (RelayCertificates.class) {
				certificates = instance;
				if (certificates == null) {
					certificates = new RelayCertificates();
					instance = certificates;
				}
			}
		}
		return certificates;
	}

	/**
	 * Return the CA certificate as PEM text, which an SSL bundle takes inline
	 * ({@code spring.ssl.bundle.pem.<name>.truststore.certificate}).
	 * @return the PEM text
	 */
	public String caPem() {
		return this.caPem;
	}

	/**
	 * Return a server-side TLS context that presents the localhost certificate (for
	 * {@code localhost} and {@code 127.0.0.1}) with its chain to the CA.
	 * @return a new context
	 */
	public SSLContext serverContext() {
		try {
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(this.serverKeyStore, PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a client socket factory that trusts the CA, and so the localhost
	 * certificate.
	 * @return the factory
	 */
	public SSLSocketFactory clientSocketFactory() {
		try {
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(this.trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return context.getSocketFactory();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(X500Name issuer, X500Name subject, KeyPair issuerKeys, KeyPair subjectKeys,
			boolean ca) throws GeneralSecurityException {
		try {
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			if (!ca) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
								new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			}
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
		}
		catch (IOException | org.bouncycastle.operator.OperatorCreationException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	private static String pem(X509Certificate certificate) throws GeneralSecurityException {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(certificate.getEncoded());
		return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
	}

}

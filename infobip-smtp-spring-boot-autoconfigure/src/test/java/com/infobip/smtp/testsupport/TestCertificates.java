/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates generated for the tests: a trusted CA (whose PEM the client trusts through
 * an SSL bundle), an untrusted one, and server identities they issue.
 */
public final class TestCertificates {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

	/** CA the test clients trust. */
	public static final Authority TRUSTED_CA = new Authority("Infobip Starter Trusted Test CA");

	/** CA no test client trusts. */
	public static final Authority UNTRUSTED_CA = new Authority("Infobip Starter Untrusted Test CA");

	/** Trusted identity for localhost and 127.0.0.1. */
	public static final ServerIdentity LOCALHOST = TRUSTED_CA.issue("localhost", "127.0.0.1");

	/** Identity for localhost issued by the untrusted CA. */
	public static final ServerIdentity UNTRUSTED_LOCALHOST = UNTRUSTED_CA.issue("localhost", "127.0.0.1");

	/** Trusted identity for another host name than the one the client connects to. */
	public static final ServerIdentity OTHER_HOST = TRUSTED_CA.issue("relay.example.org", null);

	private TestCertificates() {
	}

	/**
	 * A certificate authority.
	 */
	public static final class Authority {

		private final X500Name name;

		private final KeyPair keyPair;

		private final X509Certificate certificate;

		private Path pemFile;

		Authority(String name) {
			this.keyPair = keyPair();
			this.name = new X500Name("CN=" + name);
			this.certificate = sign(this.name, this.name, this.keyPair, this.keyPair, true, null, null);
		}

		ServerIdentity issue(String dnsName, String ipAddress) {
			KeyPair serverKeys = keyPair();
			X509Certificate cert = sign(this.name, new X500Name("CN=" + dnsName), this.keyPair, serverKeys, false,
					dnsName, ipAddress);
			return new ServerIdentity(serverKeys, cert, this.certificate);
		}

		/**
		 * Return a PEM file holding this CA's certificate, for an SSL bundle.
		 * @return the file
		 */
		public synchronized Path pemFile() {
			if (this.pemFile == null) {
				try {
					this.pemFile = Files.createTempFile("test-ca", ".pem");
					this.pemFile.toFile().deleteOnExit();
					Files.writeString(this.pemFile, pem(this.certificate), StandardCharsets.US_ASCII);
				}
				catch (IOException | GeneralSecurityException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return this.pemFile;
		}

		/**
		 * Return the {@code file:} location of {@link #pemFile()}.
		 * @return the location
		 */
		public String pemLocation() {
			return "file:" + pemFile().toAbsolutePath();
		}

	}

	/**
	 * A server key and the certificate chain for it.
	 */
	public static final class ServerIdentity {

		private final KeyStore keyStore;

		ServerIdentity(KeyPair keyPair, X509Certificate certificate, X509Certificate issuer) {
			try {
				this.keyStore = KeyStore.getInstance("PKCS12");
				this.keyStore.load(null, null);
				this.keyStore.setKeyEntry("server", keyPair.getPrivate(), PASSWORD,
						new X509Certificate[] { certificate, issuer });
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Return a server-side SSL context presenting this identity.
		 * @return the context
		 */
		public SSLContext sslContext() {
			try {
				KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(this.keyStore, PASSWORD);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keyManagers.getKeyManagers(), null, null);
				return context;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Write this identity as a PKCS12 file protected by "changeit".
		 * @return the file
		 */
		public Path writePkcs12() {
			try {
				Path file = Files.createTempFile("test-server", ".p12");
				file.toFile().deleteOnExit();
				try (OutputStream out = Files.newOutputStream(file)) {
					this.keyStore.store(out, PASSWORD);
				}
				return file;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(256);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate sign(X500Name issuer, X500Name subject, KeyPair issuerKeys, KeyPair subjectKeys,
			boolean ca, String dnsName, String ipAddress) {
		try {
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					BigInteger.valueOf(serial.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			if (dnsName != null) {
				List<GeneralName> names = new ArrayList<>();
				names.add(new GeneralName(GeneralName.dNSName, dnsName));
				if (ipAddress != null) {
					names.add(new GeneralName(GeneralName.iPAddress, ipAddress));
				}
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(names.toArray(GeneralName[]::new)));
			}
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(X509Certificate certificate) throws GeneralSecurityException {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(certificate.getEncoded());
		return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
	}

}

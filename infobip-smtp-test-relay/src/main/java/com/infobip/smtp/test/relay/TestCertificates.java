/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * Certificates for tests, generated once by
 * {@code src/main/certificates/generate-test-certificates.sh} with {@code keytool} and
 * shipped as resources: a CA that tests trust, one that they do not, and server
 * identities (key and certificate chain) they issued, each valid until 2125. EC P-256
 * keys, SHA256withECDSA.
 * <p>
 * <strong>For tests only.</strong> The private keys are public: they are committed to the
 * repository and ship in this jar. Trust {@link #TRUSTED_CA} only in a test's SSL bundle,
 * never in a JVM's or an application's trust store. The CAs' own private keys were
 * deleted after generation, so no certificate other than these identities chains to them.
 *
 * @since 0.1.0
 */
public final class TestCertificates {

	/**
	 * Password of the identities' PKCS12 key stores and of their keys.
	 */
	public static final String PASSWORD = "test-only";

	private static final String LOCATION = "com/infobip/smtp/test/relay/certificates/";

	/**
	 * CA that tests trust, through its {@link CertificateAuthority#getPem() PEM} in an
	 * SSL bundle.
	 */
	public static final CertificateAuthority TRUSTED_CA = new CertificateAuthority("trusted-ca");

	/**
	 * CA that no test trusts.
	 */
	public static final CertificateAuthority UNTRUSTED_CA = new CertificateAuthority("untrusted-ca");

	/**
	 * Identity for {@code localhost} and {@code 127.0.0.1}, issued by
	 * {@link #TRUSTED_CA}: what a test relay presents by default.
	 */
	public static final ServerIdentity LOCALHOST = new ServerIdentity("localhost");

	/**
	 * Identity for {@code localhost} and {@code 127.0.0.1}, issued by
	 * {@link #UNTRUSTED_CA}.
	 */
	public static final ServerIdentity UNTRUSTED_LOCALHOST = new ServerIdentity("untrusted-localhost");

	/**
	 * Identity for {@code relay.example.org} only, issued by {@link #TRUSTED_CA}:
	 * trusted, but not for the host name a client connects to on loopback.
	 */
	public static final ServerIdentity OTHER_HOST = new ServerIdentity("relay.example.org");

	private TestCertificates() {
	}

	private static byte[] resource(String name) {
		try (InputStream in = TestCertificates.class.getClassLoader().getResourceAsStream(LOCATION + name)) {
			if (in == null) {
				throw new IllegalStateException("Test certificate resource " + LOCATION + name + " is missing");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + LOCATION + name, ex);
		}
	}

	/**
	 * A certificate authority: its certificate, without its key.
	 */
	public static final class CertificateAuthority {

		private final String name;

		private final String pem;

		private final X509Certificate certificate;

		private CertificateAuthority(String name) {
			this.name = name;
			byte[] bytes = resource(name + ".pem");
			this.pem = new String(bytes, StandardCharsets.US_ASCII);
			try {
				this.certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(bytes));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Could not read the test certificate " + name, ex);
			}
		}

		/**
		 * Return the CA's certificate.
		 * @return the certificate
		 */
		public X509Certificate getCertificate() {
			return this.certificate;
		}

		/**
		 * Return the CA's certificate as PEM text, as an SSL bundle takes it inline
		 * ({@code spring.ssl.bundle.pem.<name>.truststore.certificate}).
		 * @return the PEM text
		 */
		public String getPem() {
			return this.pem;
		}

		/**
		 * Return the {@code classpath:} location of the CA's PEM, as an SSL bundle takes
		 * it, in this JVM or in another one with this jar on its class path.
		 * @return the location
		 */
		public String getPemLocation() {
			return "classpath:" + LOCATION + this.name + ".pem";
		}

		/**
		 * Create a client-side SSL context that trusts this CA, and nothing else.
		 * @return a new context
		 */
		public SSLContext createSslContext() {
			try {
				KeyStore trustStore = KeyStore.getInstance("PKCS12");
				trustStore.load(null, null);
				trustStore.setCertificateEntry("ca", this.certificate);
				TrustManagerFactory trustManagers = TrustManagerFactory
					.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trustManagers.init(trustStore);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(null, trustManagers.getTrustManagers(), null);
				return context;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String toString() {
			return this.certificate.getSubjectX500Principal().getName();
		}

	}

	/**
	 * A server's key and the certificate chain for it, up to its CA.
	 */
	public static final class ServerIdentity {

		private final String name;

		private final byte[] pkcs12;

		private final KeyStore keyStore;

		private @Nullable Path pkcs12File;

		private ServerIdentity(String name) {
			this.name = name;
			this.pkcs12 = resource(name + ".p12");
			try {
				this.keyStore = KeyStore.getInstance("PKCS12");
				this.keyStore.load(new ByteArrayInputStream(this.pkcs12), PASSWORD.toCharArray());
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException("Could not read the test key store " + name, ex);
			}
		}

		/**
		 * Return the certificate chain, the server's certificate first.
		 * @return the chain
		 */
		public List<X509Certificate> getCertificateChain() {
			try {
				Certificate[] chain = this.keyStore.getCertificateChain("server");
				return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Create a server-side SSL context that presents this identity.
		 * @return a new context
		 */
		public SSLContext createSslContext() {
			try {
				KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(this.keyStore, PASSWORD.toCharArray());
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keyManagers.getKeyManagers(), null, null);
				return context;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Return a PKCS12 file holding this identity (key password and store password
		 * {@link TestCertificates#PASSWORD}), for a server that reads its key from a
		 * file: a copy in the temporary directory, deleted when the JVM exits.
		 * @return the file
		 */
		public synchronized Path getPkcs12File() {
			if (this.pkcs12File == null) {
				try {
					Path file = Files.createTempFile("test-" + this.name, ".p12");
					file.toFile().deleteOnExit();
					Files.copy(new ByteArrayInputStream(this.pkcs12), file, StandardCopyOption.REPLACE_EXISTING);
					this.pkcs12File = file;
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return this.pkcs12File;
		}

		@Override
		public String toString() {
			return getCertificateChain().get(0).getSubjectX500Principal().getName();
		}

	}

}

#!/usr/bin/env bash
#
# Copyright 2026 the infobip-smtp-spring-boot-starter authors.
# SPDX-License-Identifier: Apache-2.0
#
# Generates the certificates of the SMTP test relay (TestCertificates) with keytool only,
# which every JDK that builds this project has: no OpenSSL, no BouncyCastle.
#
#   trusted-ca.pem             CA that tests trust (certificate only: its key is thrown away)
#   untrusted-ca.pem           CA that no test trusts (certificate only)
#   localhost.p12              key + chain for DNS localhost and IP 127.0.0.1, by the trusted CA
#   untrusted-localhost.p12    key + chain for localhost and 127.0.0.1, by the untrusted CA
#   relay.example.org.p12      key + chain for DNS relay.example.org only, by the trusted CA
#
# TEST ONLY. The private keys in the .p12 files are public: they are committed and ship in
# the infobip-smtp-test-relay jar, protected by the password "test-only". Never trust these
# CAs, or use these keys, outside tests. The CAs' own keys are generated in a temporary
# directory and deleted, so that nobody can issue another certificate under the trusted CA.
#
# EC P-256 keys, SHA256withECDSA, valid from 2025-01-01 for 100 years. Run it again only to
# change the set (for instance a new host name); every file changes, and TestCertificatesTests
# checks the result. Usage: ./generate-test-certificates.sh (from any directory).

set -euo pipefail

out="$(cd "$(dirname "$0")/../resources/com/infobip/smtp/test/relay/certificates" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

password=test-only
start="2025/01/01 00:00:00"
validity=36525
organization="O=Infobip SMTP starter tests - TEST ONLY - private keys are public"

keytool() {
	command keytool -storetype PKCS12 -storepass "$password" "$@"
}

# authority <common name> <file name>
authority() {
	keytool -genkeypair -keystore "$work/$2.p12" -alias "$2" -keyalg EC -groupname secp256r1 \
		-sigalg SHA256withECDSA -dname "CN=$1, $organization" -startdate "$start" -validity "$validity" \
		-ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign
	keytool -exportcert -rfc -keystore "$work/$2.p12" -alias "$2" -file "$out/$2.pem"
}

# server <authority file name> <file name> <common name> <subject alternative names>
server() {
	keytool -genkeypair -keystore "$work/$2.p12" -alias server -keyalg EC -groupname secp256r1 \
		-sigalg SHA256withECDSA -dname "CN=$3, $organization" -startdate "$start" -validity "$validity"
	keytool -certreq -keystore "$work/$2.p12" -alias server -file "$work/$2.csr"
	keytool -gencert -keystore "$work/$1.p12" -alias "$1" -infile "$work/$2.csr" -outfile "$work/$2.crt" \
		-rfc -sigalg SHA256withECDSA -startdate "$start" -validity "$validity" \
		-ext bc:c=ca:false -ext ku:c=digitalSignature -ext eku=serverAuth -ext "san=$4"
	# the reply's chain is completed from the authority's certificate, which then goes again
	keytool -importcert -noprompt -keystore "$work/$2.p12" -alias authority -file "$out/$1.pem"
	keytool -importcert -noprompt -keystore "$work/$2.p12" -alias server -file "$work/$2.crt"
	keytool -delete -keystore "$work/$2.p12" -alias authority
	cp "$work/$2.p12" "$out/$2.p12"
}

authority "Infobip SMTP Test CA" trusted-ca
authority "Infobip SMTP Untrusted Test CA" untrusted-ca
server trusted-ca localhost localhost "dns:localhost,ip:127.0.0.1"
server untrusted-ca untrusted-localhost localhost "dns:localhost,ip:127.0.0.1"
server trusted-ca relay.example.org relay.example.org "dns:relay.example.org"

for file in localhost untrusted-localhost relay.example.org; do
	keytool -list -v -keystore "$out/$file.p12" | grep -E '^(Alias name|Certificate chain length|Owner|Issuer|Valid from)'
done

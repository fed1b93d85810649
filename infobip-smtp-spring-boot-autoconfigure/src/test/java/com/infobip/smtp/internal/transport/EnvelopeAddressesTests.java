/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The form an address is written in MAIL FROM and RCPT TO: printable US-ASCII with
 * nothing that could end the path, a non-ASCII domain as its A-label.
 */
class EnvelopeAddressesTests {

	@ParameterizedTest
	@ValueSource(strings = { "user@example.com", "first.last+tag@sub.example.co.uk", "a!#$%&'*=?^_`{|}~-/b@example.com",
			"\"john smith\"@example.com", "\"a\\\"b\"@example.com", "\"a@b\"@example.com", "user@[192.0.2.1]",
			"user@[IPv6:2001:db8::1]", "foo..bar@docomo.example", ".leading@example.com", "u@my_host.example" })
	void asciiAddressIsWrittenAsItIs(String address) {
		assertThat(EnvelopeAddresses.toWire(address)).isEqualTo(address);
	}

	@ParameterizedTest
	@CsvSource({ "user@bücher.example, user@xn--bcher-kva.example", "user@例え.テスト, user@xn--r8jz45g.xn--zckzah",
			"user@ＥＸＡＭＰＬＥ.com, user@example.com" })
	void nonAsciiDomainIsWrittenAsItsALabel(String address, String wire) {
		assertThat(EnvelopeAddresses.toWire(address)).isEqualTo(wire);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0100b@example.com", "\u7528\u6237@example.com",
			"\"a\u4E22@evil.example\u4E3E\u4E20AUTH\u4E3D\u4E22\"@example.com", "caf\u00e9@example.com" })
	void nonAsciiLocalPartNeedsSmtputf8AndIsRefused(String address) {
		assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeAddresses.toWire(address))
			.withMessageContaining("SMTPUTF8")
			.withMessageNotContaining("evil")
			.withMessageNotContaining("example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b@example.com", "a>b@example.com", "<a@example.com", "a@example.com>",
			"a@example.com> NOTIFY=SUCCESS", "\"a>b\"@example.com", "\"a<b\"@example.com", "\"a\r\nRSET\"@example.com",
			"a\tb@example.com", "a\u0000b@example.com", "a(comment)@example.com", "a,b@example.com", "a@exa mple.com",
			"a@example.com\r\nRSET", "a@example..com", "a@example.com.", "a@-", "a@ex>ample.com", "a@[1.2.3.4",
			"a@[1.2.3.4] X=1]", "@example.com", "a@", "example.com", "", "\"unterminated@example.com",
			"\"a\"b@example.com", "\"a\\\"@example.com" })
	void addressThatWouldNotBeWrittenAsCheckedIsRefused(String address) {
		assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeAddresses.toWire(address));
	}

	@Test
	void domainWhoseNameprepGivesPathCharactersIsRefused() {
		// U+FF1E (fullwidth >) is > after NFKC: no longer a host name
		assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeAddresses.toWire("a@example.com\uFF1E"));
	}

	@Test
	void pathLongerThanSmtpAllowsIsRefused() {
		String local = "a".repeat(64);
		String domain = String.join(".", List.of("b".repeat(63), "c".repeat(63), "d".repeat(60), "com"));
		assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeAddresses.toWire(local + "@" + domain))
			.withMessageContaining("254");
	}

	@Test
	void domainOfAnAddressIsItsWireFormInLowerCase() {
		assertThat(EnvelopeAddresses.domainOf("Shop@Bücher.Example")).isEqualTo("xn--bcher-kva.example");
		assertThat(EnvelopeAddresses.domainOf("Shop@Example.COM")).isEqualTo("example.com");
		assertThat(EnvelopeAddresses.domainOf("no-domain")).isEmpty();
	}

	@Test
	void envelopeHoldsOnlyWireForms() {
		assertThat(new SmtpEnvelope("a@example.com", List.of("b@xn--bcher-kva.example")).recipients())
			.containsExactly("b@xn--bcher-kva.example");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmtpEnvelope("a@example.com", List.of("b@bücher.example")));
		assertThatIllegalArgumentException().isThrownBy(() -> new SmtpEnvelope("a@example.com", List.of()));
		assertThat(new SmtpEnvelope("secret@example.com", List.of("x@example.com")).toString())
			.doesNotContain("secret");
	}

}

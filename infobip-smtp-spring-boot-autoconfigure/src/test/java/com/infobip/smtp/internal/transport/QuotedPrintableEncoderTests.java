/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Function;

import org.eclipse.angus.mail.util.QPEncoderStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's quoted-printable encoder writes the bytes Angus Mail's writes, for any
 * input, however it is handed over.
 */
class QuotedPrintableEncoderTests {

	@Test
	void encodesAsAngusMailForTextAndBinary() throws IOException {
		Random random = new Random(20261206);
		// spaces, tabs, '=', bare CR and LF, CRLF, long lines and non-ASCII weighed in
		byte[] alphabet = "ab =\t\r\n.xÜ€".getBytes(StandardCharsets.UTF_8);
		for (int round = 0; round < 2000; round++) {
			byte[] input = new byte[random.nextInt(round < 1000 ? 300 : 20_000)];
			for (int i = 0; i < input.length; i++) {
				input[i] = (round % 3 == 0) ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
			}
			if (round % 5 == 0) {
				// lines of exactly and around the 76-character limit
				for (int i = 0; i < input.length; i++) {
					input[i] = (i % 77 == 76) ? (byte) '\n' : (byte) ('a' + (i % 26));
				}
			}
			long seed = random.nextLong();
			assertThat(encode(input, QuotedPrintableEncoder::new, seed)).as("round %d, %d bytes", round, input.length)
				.isEqualTo(encode(input, QPEncoderStream::new, seed));
		}
	}

	@Test
	void endsAsAngusMailOnATrailingSpaceOrLineEnd() throws IOException {
		for (String text : new String[] { "", " ", "a ", "a \r\n", "a\r", "a\n", "a \r", "=", "a=\r\n ", "\r\n\r\n",
				"x".repeat(75) + " ", "x".repeat(74) + "=", "x".repeat(76) }) {
			byte[] input = text.getBytes(StandardCharsets.UTF_8);
			assertThat(encode(input, QuotedPrintableEncoder::new, 1)).as("'%s'", text)
				.isEqualTo(encode(input, QPEncoderStream::new, 1));
		}
	}

	// the input in chunks of random sizes, some a byte at a time, then flushed
	private static String encode(byte[] input, Function<OutputStream, OutputStream> encoders, long seed)
			throws IOException {
		ByteArrayOutputStream encoded = new ByteArrayOutputStream();
		OutputStream encoder = encoders.apply(encoded);
		Random chunks = new Random(seed);
		int offset = 0;
		while (offset < input.length) {
			int length = Math.min(input.length - offset, 1 + chunks.nextInt(5000));
			if (chunks.nextInt(4) == 0) {
				for (int i = 0; i < length; i++) {
					encoder.write(input[offset + i]);
				}
			}
			else {
				encoder.write(input, offset, length);
			}
			offset += length;
		}
		encoder.flush();
		return encoded.toString(StandardCharsets.ISO_8859_1);
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The data stream's line writer: the last guard, where the bytes are produced, against a
 * header line that would break the header block.
 */
class HeaderSafeLineOutputStreamTests {

	private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

	@ParameterizedTest
	@ValueSource(strings = { "X-A: v\nX-B: 1", "X-A: v\rX-B: 1", "X-A: v\r\nX-B: 1", "X-A: v\r\n", "X-A: v\r" })
	void lineBreakOutsideAFoldIsRefusedAndNothingIsWritten(String line) {
		HeaderSafeLineOutputStream stream = new HeaderSafeLineOutputStream(this.wire, true);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> stream.writeln(line));
		assertThat(this.wire.size()).isZero();
	}

	@Test
	void characterWhoseLowByteIsALineFeedIsRefusedWhenWrittenOneBytePerCharacter() {
		HeaderSafeLineOutputStream stream = new HeaderSafeLineOutputStream(this.wire, false);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> stream.writeln("X-A: v\u010AX-B: 1"));
		assertThat(this.wire.size()).isZero();
	}

	@Test
	void characterWhoseLowByteIsALineFeedIsOneUtf8CharacterWhenUtf8IsAllowed() throws IOException {
		new HeaderSafeLineOutputStream(this.wire, true).writeln("X-A: \u010A");
		assertThat(this.wire.toByteArray()).isEqualTo("X-A: \u010A\r\n".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void bodyBytesArePassedOnInOneWriteNotOneByOne() throws IOException {
		java.util.List<Integer> writes = new java.util.ArrayList<>();
		java.io.OutputStream counting = new java.io.OutputStream() {

			@Override
			public void write(int b) {
				writes.add(1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				writes.add(length);
			}

		};
		byte[] body = new byte[8192];
		new HeaderSafeLineOutputStream(counting, true).write(body, 0, body.length);
		assertThat(writes).containsExactly(8192);
	}

	@Test
	void foldedLineIsWrittenAsItIs() throws IOException {
		new HeaderSafeLineOutputStream(this.wire, true).writeln("Content-Type: text/plain;\r\n\tcharset=UTF-8");
		assertThat(this.wire.toString(StandardCharsets.US_ASCII))
			.isEqualTo("Content-Type: text/plain;\r\n\tcharset=UTF-8\r\n");
	}

}

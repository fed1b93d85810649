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
	@ValueSource(strings = { "X-A: v\nX-B: 1", "X-A: v\rX-B: 1", "X-A: v\r\nX-B: 1", "X-A: v\r\n", "X-A: v\r",
			"X-A: v\u0000", "X-A: \u001B[2J" })
	void lineBreakOutsideAFoldOrAControlByteIsRefusedAndNothingIsWritten(String line) {
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
	void bytesWrittenOneByOneArePassedOnTogetherInTheOrderOfEveryWrite() throws IOException {
		java.util.List<String> writes = new java.util.ArrayList<>();
		ByteArrayOutputStream wire = this.wire;
		java.io.OutputStream recording = new java.io.OutputStream() {

			@Override
			public void write(int b) {
				writes.add("one byte");
				wire.write(b);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				writes.add(String.valueOf(length));
				wire.write(bytes, offset, length);
			}

		};
		HeaderSafeLineOutputStream stream = new HeaderSafeLineOutputStream(recording, true);
		stream.writeln("X-A: 1");
		for (byte b : "=C3=BCber ".getBytes(StandardCharsets.US_ASCII)) {
			stream.write(b);
		}
		stream.write("Stra=C3=9Fe".getBytes(StandardCharsets.US_ASCII));
		stream.write('!');
		stream.writeln();
		stream.write('.');
		stream.writeln("--boundary");
		stream.write('x');
		assertThat(this.wire.toString(StandardCharsets.US_ASCII))
			.isEqualTo("X-A: 1\r\n=C3=BCber Stra=C3=9Fe!\r\n.--boundary\r\n");
		stream.flush();
		assertThat(this.wire.toString(StandardCharsets.US_ASCII))
			.isEqualTo("X-A: 1\r\n=C3=BCber Stra=C3=9Fe!\r\n.--boundary\r\nx");
		assertThat(writes).doesNotContain("one byte")
			.containsExactly("6", "2", "10", "11", "1", "2", "1", "10", "2", "1");
	}

	@Test
	void bytesWrittenOneByOneArePassedOnWhenTheBufferIsFull() throws IOException {
		HeaderSafeLineOutputStream stream = new HeaderSafeLineOutputStream(this.wire, true);
		for (int i = 0; i < 10_000; i++) {
			stream.write('a' + i % 26);
		}
		assertThat(this.wire.size()).isPositive().isLessThan(10_000);
		stream.close();
		byte[] written = this.wire.toByteArray();
		assertThat(written).hasSize(10_000);
		for (int i = 0; i < written.length; i++) {
			assertThat(written[i]).isEqualTo((byte) ('a' + i % 26));
		}
	}

	@Test
	void foldedLineIsWrittenAsItIs() throws IOException {
		new HeaderSafeLineOutputStream(this.wire, true).writeln("Content-Type: text/plain;\r\n\tcharset=UTF-8");
		assertThat(this.wire.toString(StandardCharsets.US_ASCII))
			.isEqualTo("Content-Type: text/plain;\r\n\tcharset=UTF-8\r\n");
	}

}

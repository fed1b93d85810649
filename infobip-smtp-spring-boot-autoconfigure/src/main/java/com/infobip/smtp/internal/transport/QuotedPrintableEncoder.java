/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes quoted-printable byte for byte as Angus Mail's {@code QPEncoderStream} with 76
 * characters a line: the same escapes, soft line breaks, line ends and trailing spaces.
 * Angus's encoder writes every byte it outputs on its own, through a method the JIT
 * compiles into some 76 kB of code, for seconds, while the first thousands of messages
 * are sent; this one encodes into a buffer and writes it on in runs.
 */
final class QuotedPrintableEncoder extends FilterOutputStream {

	// the '=' of a soft line break is the 76th character
	private static final int BYTES_PER_LINE = 75;

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	// the most one input byte can add: a pending space encoded, a soft line break and an
	// escape
	private static final int MAX_PER_BYTE = 9;

	private final byte[] buffer = new byte[4096];

	private int length;

	private int count;

	private boolean gotSpace;

	private boolean gotCR;

	QuotedPrintableEncoder(OutputStream out) {
		super(out);
	}

	@Override
	public void write(int b) throws IOException {
		encode(b & 0xFF);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		int end = offset + length;
		for (int i = offset; i < end; i++) {
			int c = bytes[i] & 0xFF;
			// most bytes of a text: no escape, no line break and no pending space, so
			// copied as encode would write them, in one loop without calls (fast before
			// the JIT compiles it, and compiled early)
			if (c > ' ' && c < 0177 && c != '=' && !this.gotSpace && this.count < BYTES_PER_LINE
					&& this.length < this.buffer.length) {
				this.count++;
				this.buffer[this.length++] = (byte) c;
				this.gotCR = false;
			}
			else {
				encode(c);
			}
		}
	}

	@Override
	public void flush() throws IOException {
		if (this.gotSpace) {
			room();
			output(' ', true);
			this.gotSpace = false;
		}
		writeBuffer();
		this.out.flush();
	}

	private void encode(int c) throws IOException {
		room();
		if (this.gotSpace) {
			// a space before a line end is encoded
			output(' ', c == '\r' || c == '\n');
			this.gotSpace = false;
		}
		if (c == '\r') {
			this.gotCR = true;
			lineEnd();
			return;
		}
		if (c == '\n') {
			if (!this.gotCR) {
				lineEnd();
			}
		}
		else if (c == ' ') {
			this.gotSpace = true;
		}
		else {
			output(c, c < 040 || c >= 0177 || c == '=');
		}
		this.gotCR = false;
	}

	private void output(int c, boolean escape) {
		if (escape) {
			this.count += 3;
			if (this.count > BYTES_PER_LINE) {
				softLineBreak();
				this.count = 3;
			}
			this.buffer[this.length++] = '=';
			this.buffer[this.length++] = HEX[c >> 4];
			this.buffer[this.length++] = HEX[c & 0xF];
		}
		else {
			this.count++;
			if (this.count > BYTES_PER_LINE) {
				softLineBreak();
				this.count = 1;
			}
			this.buffer[this.length++] = (byte) c;
		}
	}

	private void softLineBreak() {
		this.buffer[this.length++] = '=';
		this.buffer[this.length++] = '\r';
		this.buffer[this.length++] = '\n';
	}

	private void lineEnd() {
		this.buffer[this.length++] = '\r';
		this.buffer[this.length++] = '\n';
		this.count = 0;
	}

	private void room() throws IOException {
		if (this.length > this.buffer.length - MAX_PER_BYTE) {
			writeBuffer();
		}
	}

	private void writeBuffer() throws IOException {
		if (this.length > 0) {
			this.out.write(this.buffer, 0, this.length);
			this.length = 0;
		}
	}

}

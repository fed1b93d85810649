/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.angus.mail.util.LineOutputStream;

/**
 * The line stream Jakarta Mail writes a message's header lines and boundaries to, made by
 * the transport so that jakarta.mail-api skips its StreamProvider lookup. Lines are
 * encoded as {@code MimeBodyPart.writeTo} would encode them (UTF-8 unless the system
 * property {@code mail.mime.allowutf8} is {@code false}), and each line's bytes are
 * checked where they are produced: a CR or LF byte that is not part of a fold (CRLF then
 * white space), or another control byte but TAB, fails the write before it reaches the
 * relay, so no value can add a header line, end the header block or put a NUL on the
 * wire.
 * <p>
 * Bytes written one at a time, as the quoted-printable encoder writes a body, are passed
 * on together, before anything written after them and on {@link #flush()}: one at a time,
 * each would take the whole chain of streams below, dot-stuffing and a lock included.
 * {@code MimeMessage.writeTo} flushes when it is done, and the transport flushes again
 * before the end of the data.
 */
final class HeaderSafeLineOutputStream extends LineOutputStream {

	// MimeBodyPart reads the same property, with the same default, for its own stream
	static final boolean ALLOW_UTF8 = !"false".equalsIgnoreCase(System.getProperty("mail.mime.allowutf8"));

	private static final byte[] CRLF = { '\r', '\n' };

	private static final int PENDING_BYTES = 1024;

	private final boolean allowUtf8;

	private final byte[] pending = new byte[PENDING_BYTES];

	private int pendingLength;

	HeaderSafeLineOutputStream(OutputStream out, boolean allowUtf8) {
		super(out, allowUtf8);
		this.allowUtf8 = allowUtf8;
	}

	@Override
	public void write(int b) throws IOException {
		if (this.pendingLength == PENDING_BYTES) {
			writePending();
		}
		this.pending[this.pendingLength++] = (byte) b;
	}

	// FilterOutputStream would pass the body on one byte at a time
	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		writePending();
		this.out.write(bytes, offset, length);
	}

	@Override
	public void writeln(String line) throws IOException {
		byte[] bytes = this.allowUtf8 ? line.getBytes(StandardCharsets.UTF_8) : oneBytePerChar(line);
		checkLineBreaks(bytes);
		writePending();
		this.out.write(bytes);
		this.out.write(CRLF);
	}

	@Override
	public void writeln() throws IOException {
		writePending();
		this.out.write(CRLF);
	}

	@Override
	public void flush() throws IOException {
		writePending();
		this.out.flush();
	}

	private void writePending() throws IOException {
		if (this.pendingLength > 0) {
			int length = this.pendingLength;
			this.pendingLength = 0;
			this.out.write(this.pending, 0, length);
		}
	}

	private static byte[] oneBytePerChar(String line) {
		byte[] bytes = new byte[line.length()];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) line.charAt(i);
		}
		return bytes;
	}

	private static void checkLineBreaks(byte[] bytes) throws UnsafeHeaderLineException {
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b >= ' ' || b < 0 || b == '\t') {
				continue;
			}
			// a control byte is allowed only as the CR of a fold: CRLF, then white space
			if (b != '\r' || i + 2 >= bytes.length || bytes[i + 1] != '\n'
					|| (bytes[i + 2] != ' ' && bytes[i + 2] != '\t')) {
				throw new UnsafeHeaderLineException();
			}
			i++;
		}
	}

	/**
	 * A header line would have put a line break on the wire. Not a connection failure:
	 * sending the same message again would fail the same way.
	 */
	static final class UnsafeHeaderLineException extends IOException {

		private static final long serialVersionUID = 1L;

		UnsafeHeaderLineException() {
			super("A header line contains a control byte, or a CR or LF that is not part of a folded line;"
					+ " the message was not sent");
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import com.infobip.smtp.InvalidMessageException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The size check skips writing a message out only when it can bound its size: for an
 * attachment read from a data source, by counting the attachment's bytes under the
 * transfer encoding chosen for it. The bound must never be below what the message writes.
 */
class MessageSizeBoundTests {

	private static final Session SESSION = Session.getInstance(new Properties());

	@Test
	void attachmentIsBoundedWithoutBeingWrittenAndNeverBelowItsSize() throws Exception {
		Random random = new Random(20261125);
		List<Integer> sizes = new ArrayList<>(List.of(0, 1, 2, 3, 4, 56, 57, 58, 75, 76, 77, 1000, 4096, 200 * 1024));
		for (int i = 0; i < 20; i++) {
			sizes.add(random.nextInt(100_000));
		}
		Set<String> encodings = new HashSet<>();
		for (int size : sizes) {
			for (Content content : Content.values()) {
				byte[] bytes = content.bytes(size, random);
				MimeMessage message = message(bytes, content.type);
				if (content == Content.MOSTLY_TEXT) {
					// Jakarta Mail chooses base64 for any non-ASCII data source that is
					// not text; an application may name quoted-printable
					attachment(message).setHeader("Content-Transfer-Encoding", "quoted-printable");
				}
				new MessagePreparation(null, Long.MAX_VALUE, List.of(), List.of(), StreamProvider.provider())
					.prepare(message);
				String encoding = attachment(message).getHeader("Content-Transfer-Encoding")[0];
				encodings.add(encoding);
				long written = written(message);
				long bound = PartTreeChecks.checkAndBound(message);
				// close for base64 and 7bit; quoted-printable is
				// bounded by its worst case, three characters a byte
				long slack = encoding.equals("quoted-printable") ? 2 * written : 2 * written / 100;
				assertThat(bound).as("%s, %d bytes, %s", content, size, encoding)
					.isGreaterThanOrEqualTo(written)
					.isLessThan(written + slack + 20_000);
				assertLimitMetExactly(message, written);
			}
		}
		assertThat(encodings).contains("base64", "quoted-printable", "7bit");
	}

	@Test
	void attachmentWhoseEncodingIsNotKnownIsWrittenOutToBeMeasured() throws Exception {
		MimeMessage message = message(new byte[1000], "application/octet-stream");
		new MessagePreparation(null, Long.MAX_VALUE, List.of(), List.of(), StreamProvider.provider()).prepare(message);
		attachment(message).setHeader("Content-Transfer-Encoding", "x-uuencode");
		assertThat(PartTreeChecks.checkAndBound(message)).isEqualTo(-1);
		long written = written(message);
		assertThatExceptionOfType(InvalidMessageException.class)
			.isThrownBy(() -> new MessagePreparation(null, written - 1, List.of(), List.of(), StreamProvider.provider())
				.prepare(message))
			.withMessageContaining("Message is " + written + " bytes");
	}

	@Test
	void textIsBoundedInCharsetsOfManyBytesACharacter() throws Exception {
		// UTF-32 in quoted-printable: "=00=00=00=FC" for a "ü", 12 bytes; ISO-2022-JP
		// shifts in and out around every kanji
		String text = "üöä".repeat(4000) + "a漢".repeat(2000);
		for (String charset : new String[] { "UTF-32", "ISO-2022-JP", "UTF-16", "UTF-8" }) {
			for (String encoding : new String[] { "quoted-printable", "base64", "8bit" }) {
				MimeMessage message = new MimeMessage(SESSION);
				MimeMessageHelper helper = new MimeMessageHelper(message, true, charset);
				helper.setFrom("shop@example.com");
				helper.setTo("user@example.com");
				helper.setText(text);
				helper.getMimeMultipart().getBodyPart(0).setHeader("Content-Transfer-Encoding", encoding);
				new MessagePreparation(null, Long.MAX_VALUE, List.of(), List.of(), StreamProvider.provider())
					.prepare(message);
				long written = written(message);
				assertThat(PartTreeChecks.checkAndBound(message)).as("%s, %s", charset, encoding)
					.isGreaterThanOrEqualTo(written);
				assertLimitMetExactly(message, written);
			}
		}
	}

	// the limit is met exactly: accepted; one byte less: refused, with the size
	private static void assertLimitMetExactly(MimeMessage message, long written) {
		new MessagePreparation(null, written, List.of(), List.of(), StreamProvider.provider()).prepare(message);
		assertThatExceptionOfType(InvalidMessageException.class)
			.isThrownBy(() -> new MessagePreparation(null, written - 1, List.of(), List.of(), StreamProvider.provider())
				.prepare(message))
			.withMessageContaining("Message is " + written + " bytes");
	}

	private static MimeMessage message(byte[] attachment, String type) throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo("user@example.com");
		helper.setSubject("Rechnung – Ihre Bestellung");
		helper.setText("Grüß Gott, anbei die Rechnung.", "<p>Grüß Gott, anbei die <b>Rechnung</b>.</p>");
		helper.addAttachment("Rechnung.bin", new ByteArrayResource(attachment), type);
		return message;
	}

	private static BodyPart attachment(MimeMessage message) throws Exception {
		Multipart mixed = (Multipart) message.getContent();
		return mixed.getBodyPart(mixed.getCount() - 1);
	}

	private static long written(MimeMessage message) throws Exception {
		long[] count = new long[1];
		message.writeTo(new OutputStream() {

			@Override
			public void write(int b) {
				count[0]++;
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				count[0] += length;
			}

		}, MessagePreparation.unsentHeaders());
		return count[0];
	}

	/**
	 * Attachment contents for each transfer encoding.
	 */
	private enum Content {

		BINARY("application/pdf"), MOSTLY_TEXT("application/octet-stream"), TEXT_LINES("application/octet-stream");

		private final String type;

		Content(String type) {
			this.type = type;
		}

		byte[] bytes(int size, Random random) {
			byte[] bytes = new byte[size];
			switch (this) {
				case BINARY -> random.nextBytes(bytes);
				case MOSTLY_TEXT -> {
					for (int i = 0; i < size; i++) {
						bytes[i] = (byte) ((i % 50 == 49) ? 0xE9 : (i % 120 == 119) ? '\n' : 'a' + random.nextInt(26));
					}
				}
				case TEXT_LINES -> {
					byte[] line = "Bestellung 12345: 3 x Broetchen, 0.45 EUR\r\n".getBytes(StandardCharsets.US_ASCII);
					for (int i = 0; i < size; i++) {
						bytes[i] = line[i % line.length];
					}
				}
			}
			return bytes;
		}

	}

}

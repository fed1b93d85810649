/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transfer encoding chosen ahead of {@code saveChanges} is the one Jakarta Mail
 * chooses, for any text, and the message is written byte for byte the same.
 */
class TextTransferEncodingsTests {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final String[] SAMPLES = { "", "Hello\r\nworld", "Grüße", "Grüße aus Köln, wie geht es dir heute?",
			"東京タワー", "a".repeat(998), "a".repeat(999), "x\r\n" + "b".repeat(999), "\u0001abc", "tab\tseparated",
			"\uD800 lone surrogate", "café", "cr\ronly", "lf\nonly", ".leading dot\n..two", "€ 100", "\u007F del",
			// where miscounting the bytes of a surrogate pair changes the choice
			"abcdefg\uD83D\uDE00\uD83D\uDE00", "üü\uD83D\uDE00a", "\u007F\u007F\uD83D\uDE00a",
			"a".repeat(997) + "\uD83D\uDE00", "a".repeat(997) + "\uD83D" };

	@ParameterizedTest
	@ValueSource(strings = { "UTF-8", "US-ASCII", "ISO-8859-1", "windows-1252" })
	void chosenEncodingIsJakartaMailsForEverySample(String charset) throws Exception {
		for (String text : SAMPLES) {
			assertSameAsJakartaMail(text, charset, "plain");
			assertSameAsJakartaMail(text, charset, "html");
		}
	}

	@Test
	void chosenEncodingIsJakartaMailsForRandomText() throws Exception {
		Random random = new Random(20261125);
		// characters at the edges of one, two and three bytes in UTF-8, and of the
		// charsets; surrogates paired, unpaired and split; lines long in bytes only
		String[] pieces = { "a", "Z", " ", ".", "\r\n", "\n", "\r", "\t", "ü", "ß", "€", "東", "\u0000", "\u001F",
				"\u007F", "\u0080", "\u00FF", "\u0100", "\u07FF", "\u0800", "\uFFFD", "\uD83D\uDE00", "\uDBFF\uDFFF",
				"\uDC00", "\uD83D", "x".repeat(500), "é".repeat(400), "東".repeat(300) };
		for (int i = 0; i < 400; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(60);
			for (int j = 0; j < length; j++) {
				text.append(pieces[random.nextInt(pieces.length)]);
			}
			for (String charset : List.of("UTF-8", "US-ASCII", "ISO-8859-1")) {
				assertSameAsJakartaMail(text.toString(), charset, "plain");
			}
		}
	}

	@Test
	void textWithoutCharsetIsEncodedAsJakartaMailEncodesIt() throws Exception {
		for (String text : SAMPLES) {
			MimeMessage chosen = new MimeMessage(SESSION);
			chosen.setContent(text, "text/plain");
			chosen.setSentDate(new Date(0));
			MimeMessage jakarta = new MimeMessage(SESSION);
			jakarta.setContent(text, "text/plain");
			jakarta.setSentDate(new Date(0));
			TextTransferEncodings.choose(chosen);
			chosen.saveChanges();
			jakarta.saveChanges();
			assertThat(written(chosen)).as("bytes of %s", printable(text)).isEqualTo(written(jakarta));
		}
	}

	@Test
	void multipartMessageIsWrittenByteForByteAsJakartaMailWritesIt() throws Exception {
		MimeMessage chosen = multipart();
		MimeMessage jakarta = multipart();
		TextTransferEncodings.choose(chosen);
		chosen.saveChanges();
		jakarta.saveChanges();
		assertThat(withoutBoundaries(chosen)).isEqualTo(withoutBoundaries(jakarta));
		assertThat(withoutBoundaries(chosen)).contains("Content-Transfer-Encoding: quoted-printable")
			.contains("Content-Transfer-Encoding: base64");
	}

	private static void assertSameAsJakartaMail(String text, String charset, String subtype) throws Exception {
		MimeMessage chosen = text(text, charset, subtype);
		MimeMessage jakarta = text(text, charset, subtype);
		TextTransferEncodings.choose(chosen);
		chosen.saveChanges();
		jakarta.saveChanges();
		assertThat(chosen.getEncoding()).as("encoding of %s text %s", charset, printable(text))
			.isEqualTo(jakarta.getEncoding());
		assertThat(written(chosen)).as("bytes of %s text %s", charset, printable(text)).isEqualTo(written(jakarta));
	}

	private static MimeMessage text(String text, String charset, String subtype) throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		message.setText(text, charset, subtype);
		message.setSentDate(new Date(0));
		return message;
	}

	private static MimeMessage multipart() throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo("user@example.com");
		helper.setSubject("Grüße");
		helper.setText("Plain text, naïve\n.dot", "<p>東京タワー — HTML</p>");
		helper.addInline("logo", new ByteArrayResource(new byte[] { 1, 2, 3 }), "image/png");
		helper.addAttachment("notes.txt", new ByteArrayResource("Grüße".getBytes()), "text/plain");
		message.setHeader("Message-ID", "<fixed@example.com>");
		return message;
	}

	private static String withoutBoundaries(MimeMessage message) throws Exception {
		return written(message).replaceAll("----=_Part_[0-9_.]+", "B");
	}

	private static String written(MimeMessage message) throws Exception {
		message.setHeader("Message-ID", "<fixed@example.com>");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toString(StandardCharsets.ISO_8859_1);
	}

	private static String printable(String text) {
		List<String> codes = new ArrayList<>();
		text.codePoints().limit(12).forEach((c) -> codes.add(Integer.toHexString(c)));
		return codes + ((text.length() > 12) ? "… (" + text.length() + " chars)" : "");
	}

}

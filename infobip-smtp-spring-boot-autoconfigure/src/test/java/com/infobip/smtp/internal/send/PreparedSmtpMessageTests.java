/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.send;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Properties;

import com.infobip.smtp.testsupport.WireMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PreparedSmtpMessage} reads a message's header lines as {@code SMTPMessage} reads
 * them, and writes the message back as the same bytes.
 */
class PreparedSmtpMessageTests {

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void readsAndWritesAsSmtpMessageDoes(boolean allowUtf8) throws Exception {
		Properties properties = new Properties();
		properties.setProperty("mail.mime.allowutf8", String.valueOf(allowUtf8));
		Session session = Session.getInstance(properties);
		MimeMessage built = new MimeMessage(session);
		WireMessage.fill(built);
		built.saveChanges();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		built.writeTo(bytes);
		String folded = " \tfirst line continued\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
				+ "X-Folded: one\r\n two\r\n\tthree\r\nX-Utf8: Grüße 東京\r\nX-Empty:\r\n";
		byte[] withFolds = (folded + bytes.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
		for (byte[] content : new byte[][] { bytes.toByteArray(), withFolds }) {
			SMTPMessage expected = new SMTPMessage(session, new ByteArrayInputStream(content));
			PreparedSmtpMessage read = new PreparedSmtpMessage(session, content);
			assertThat(Collections.list(read.getAllHeaderLines()))
				.isEqualTo(Collections.list(expected.getAllHeaderLines()));
			assertThat(WireMessage.bytewise(WireMessage.data(read)))
				.isEqualTo(WireMessage.bytewise(WireMessage.data(expected)));
		}
	}

}

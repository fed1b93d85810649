/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header values are judged by the bytes they are written as: as UTF-8 by default, one
 * byte per character when {@code mail.mime.allowutf8} is {@code false}.
 */
class MessageWriterTests {

	@ParameterizedTest
	@ValueSource(strings = { "Dobrý den, Čeněk č", "v\u010AX-Injected: 1", "v\uFF0D\uFF0A", "Grüße ☃", "a\tb",
			"folded\r\n continued", "folded\r\n\tcontinued" })
	void valueWithoutControlBytesInUtf8MayBeWritten(String value) {
		assertThat(MessageWriter.headerValueProblem(value, true)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Dobrý den, Čeněk č", "v\u010AX-Injected: 1", "v\uFF0D\uFF0A", "v\u0100" })
	void characterWhoseLowByteIsAControlIsRefusedWhenWrittenOneBytePerCharacter(String value) {
		assertThat(MessageWriter.headerValueProblem(value, false)).contains("control byte");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void controlsOtherThanTabAndFoldsAreRefusedWhateverTheWriter(boolean utf8) {
		for (String value : new String[] { "a\u0000b", "a\u0007b", "a\u001Bb", "a\nb", "a\rb", "a\r\nb", "a\r\n ",
				"a\r\n \r\nb" }) {
			assertThat(MessageWriter.headerValueProblem(value, utf8)).as(value).isNotNull();
		}
		assertThat(MessageWriter.headerValueProblem("Grüße, a\tb\r\n c", utf8)).isNull();
	}

}

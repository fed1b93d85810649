/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.prepare;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Session;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Date header of an outgoing message is the one {@code MimeMessage.setSentDate}
 * writes, without its JVM-wide lock.
 */
class SentDatesTests {

	private static final Session SESSION = Session.getInstance(new Properties());

	@Test
	void writesWhatSetSentDateWritesForTheSameSecond() throws Exception {
		AtomicLong clock = new AtomicLong();
		SentDates dates = new SentDates(clock::get);
		// the epoch, a leap day, times around the turn of a second, today and far ahead
		long[] instants = { 0, 951_782_400_999L, 1_800_000_000_000L, 1_800_000_000_999L, 1_800_000_001_000L,
				System.currentTimeMillis(), 4_102_444_800_000L };
		for (long instant : instants) {
			clock.set(instant);
			MimeMessage jakarta = new MimeMessage(SESSION);
			jakarta.setSentDate(new Date(instant));
			assertThat(dates.now()).as("%d", instant).isEqualTo(jakarta.getHeader("Date", null));
		}
	}

	@Test
	void formatsOncePerSecond() {
		AtomicLong clock = new AtomicLong(1_800_000_000_000L);
		SentDates dates = new SentDates(clock::get);
		String first = dates.now();
		clock.set(1_800_000_000_999L);
		assertThat(dates.now()).isSameAs(first);
		clock.set(1_800_000_001_000L);
		assertThat(dates.now()).isNotEqualTo(first);
		clock.set(1_800_000_000_500L);
		assertThat(dates.now()).isEqualTo(first);
	}

	@Test
	void concurrentCallersEachGetTheirOwnSecond() throws Exception {
		SentDates dates = new SentDates();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Void>> calls = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				calls.add(threads.submit(() -> {
					MailDateFormat parser = new MailDateFormat();
					for (int i = 0; i < 20_000; i++) {
						long before = System.currentTimeMillis();
						String date = dates.now();
						long after = System.currentTimeMillis();
						long parsed = parser.parse(date).getTime();
						assertThat(parsed).isBetween(before - before % 1000, after);
					}
					return null;
				}));
			}
			for (Future<Void> call : calls) {
				call.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void preparedMessageGetsTheDateOfNowKeepsOneSetAndReplacesOneThatCannotBeRead() throws Exception {
		MessagePreparation checks = new MessagePreparation(null, 10_000_000, List.of(), List.of(),
				StreamProvider.provider());
		long before = System.currentTimeMillis();
		MimeMessage undated = message();
		checks.prepare(undated);
		assertThat(undated.getSentDate().getTime()).isBetween(before - before % 1000, System.currentTimeMillis());

		MimeMessage dated = message();
		dated.setHeader("Date", "Tue, 15 Jan 2030 08:00:00 +0100 (CET)");
		checks.prepare(dated);
		assertThat(dated.getHeader("Date", null)).isEqualTo("Tue, 15 Jan 2030 08:00:00 +0100 (CET)");

		MimeMessage garbled = message();
		garbled.setHeader("Date", "yesterday");
		before = System.currentTimeMillis();
		checks.prepare(garbled);
		assertThat(garbled.getHeader("Date")).singleElement().isNotEqualTo("yesterday");
		assertThat(garbled.getSentDate().getTime()).isBetween(before - before % 1000, System.currentTimeMillis());
	}

	private static MimeMessage message() throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		message.setFrom("shop@example.com");
		message.setRecipients(jakarta.mail.Message.RecipientType.TO, "user@example.com");
		message.setSubject("Dated");
		message.setText("Hello");
		return message;
	}

}

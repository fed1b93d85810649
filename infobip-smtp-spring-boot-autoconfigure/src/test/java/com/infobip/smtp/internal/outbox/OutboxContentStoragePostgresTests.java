/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.outbox;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.sql.DataSource;

import com.infobip.smtp.InfobipPreparedMessage;
import com.infobip.smtp.internal.outbox.OutboxStore.ClaimedEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.outbox.PostgresServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL an entry's message is kept out of its row, so that the claim, the
 * {@code SENDING} mark and the outcome, each a new version of the row, do not copy it.
 * Compressed, a multipart message of a few kilobytes fits in the row and PostgreSQL kept
 * it there: every status change wrote it again, table and log, about 2 kB a change for
 * the 4.7 kB messages of the benchmark.
 */
@Tag("postgres")
class OutboxContentStoragePostgresTests {

	@Test
	void statusChangesLeaveTheStoredMessageWhereItIs() throws Exception {
		DataSource dataSource = PostgresServer.createDatabase().dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		new ResourceDatabasePopulator(new ClassPathResource("com/infobip/smtp/outbox/schema-postgresql.sql"))
			.execute(dataSource);
		OutboxStore store = new OutboxStore(new OutboxDatabase(dataSource));
		byte[] content = multipartMessage();
		Instant now = Instant.now();
		new OutboxInserts(new OutboxDatabase(dataSource)).insert(
				"entry", null, new InfobipPreparedMessage("shop@example.com",
						List.of("customer@example.com", "archive@example.com"), content, "<order-1@example.com>", null),
				now, null);

		Long stored = contentChunk(jdbc);
		assertThat(stored).as("the message's place outside the row").isNotNull();
		assertThat(jdbc.queryForObject("SELECT pg_column_toast_chunk_id(ID) IS NULL"
				+ " AND pg_column_toast_chunk_id(SUBJECT) IS NULL AND pg_column_toast_chunk_id(RECIPIENTS) IS NULL"
				+ " FROM INFOBIP_SMTP_OUTBOX", Boolean.class))
			.as("the columns the statements read stay in the row")
			.isTrue();

		List<ClaimedEntry> claimed = store.claimDue("a-claim", 16, now, Duration.ofMinutes(1));
		assertThat(claimed).singleElement()
			.satisfies((entry) -> assertThat(entry.message().content()).isEqualTo(content));
		assertThat(contentChunk(jdbc)).as("after the claim").isEqualTo(stored);
		assertThat(store.markSending("entry", "a-claim", now, Duration.ofMinutes(1))).isTrue();
		assertThat(contentChunk(jdbc)).as("after the SENDING mark").isEqualTo(stored);
		assertThat(store.write("entry",
				OutboxStore.completion("entry", "a-claim", InfobipOutboxStatus.SENT, "queue-1", 1, null, null, now)))
			.isOne();
		assertThat(contentChunk(jdbc)).as("after the outcome").isEqualTo(stored);
		assertThat(jdbc.queryForObject("SELECT CONTENT FROM INFOBIP_SMTP_OUTBOX", byte[].class)).isEqualTo(content);
	}

	private static Long contentChunk(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT pg_column_toast_chunk_id(CONTENT) FROM INFOBIP_SMTP_OUTBOX", Long.class);
	}

	// a multipart message like the benchmark's (HTML and text, German, quoted-printable),
	// which compresses to fit in a row; WireMessage's, with its image and attachment, is
	// stored out of the row with or without the table's setting
	private static byte[] multipartMessage() throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom("shop@example.com", "Bäckerei Müller – Bestellungen");
		helper.setTo("customer@example.com");
		helper.setCc("archive@example.com");
		helper.setSubject("Ihre Bestellung Nr. 1 ist unterwegs – vielen Dank! ✓");
		StringBuilder plain = new StringBuilder("Grüß Gott, liebe Kundin, lieber Kunde,\n\n");
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>"
				+ "<h1>Grüß Gott!</h1><p>Ihre Bestellung Nr. <b>1</b> wurde heute verschickt.</p><table>");
		for (int line = 1; line <= 12; line++) {
			plain.append(String.format(Locale.ROOT, "%2d x Brötchen „Spezial“ à 0,45 € .......... %5.2f €%n", line,
					line * 0.45));
			html.append(String.format(Locale.ROOT,
					"<tr><td>%d</td><td>Brötchen „Spezial“</td><td>à 0,45 €</td><td>%.2f €</td></tr>", line,
					line * 0.45));
		}
		plain.append("\nMit freundlichen Grüßen\nIhre Bäckerei Müller\n");
		html.append("</table><p>Mit freundlichen Grüßen<br>Ihre Bäckerei Müller</p></body></html>");
		helper.setText(plain.toString(), html.toString());
		message.saveChanges();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		message.writeTo(bytes);
		return bytes.toByteArray();
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import com.infobip.smtp.testsupport.WireMessage;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MimePartWriter} writes every message byte for byte as Jakarta Mail's
 * {@code writeTo} does, whether it writes the parts itself or leaves them to Jakarta
 * Mail.
 */
class MimePartWriterTests {

	private static final String[] IGNORED = { "Bcc", "Content-Length" };

	private final Session session = Session.getInstance(new Properties());

	@Test
	void multipartMessageAsApplicationsBuildIt() throws Exception {
		MimeMessage message = new MimeMessage(this.session);
		WireMessage.fill(message);
		assertWrittenAsJakartaMailWritesIt(message);
	}

	@Test
	void plainTextInEachTransferEncoding() throws Exception {
		for (String text : new String[] { "plain ASCII\n", "Grüße aus München, mostly ASCII\n", "東京東京東京\n",
				"x".repeat(1200) + "\n",
				// quoted-printable over many buffers' worth, with spaces before line
				// ends and at the very end
				"Grüße = Maß \r\n".repeat(700) + "Ende " }) {
			MimeMessage message = new MimeMessage(this.session);
			new MimeMessageHelper(message, "UTF-8").setText(text);
			message.setFrom("shop@example.com");
			assertWrittenAsJakartaMailWritesIt(message);
		}
	}

	@Test
	void textInCharsetsThatCannotEncodeAllOfIt() throws Exception {
		// unpaired surrogates (also first, last, and before a character that is no low
		// surrogate), and characters the charsets lack, are replaced alike
		String[] texts = { "Grüße aus 東京 \uD800 – naïve 😀\n", "\uDC00 Grüße \uD83D\uD83D\uDE00 x\uD800",
				"Grüße \uD83D" };
		for (String text : texts) {
			for (String charset : new String[] { "UTF-8", "ISO-8859-1", "US-ASCII", "windows-1252", "UTF-16" }) {
				MimeMessage message = new MimeMessage(this.session);
				MimeMessageHelper helper = new MimeMessageHelper(message, true, charset);
				helper.setFrom("shop@example.com");
				helper.setText(text, "<p>" + text + "</p>" + text);
				assertWrittenAsJakartaMailWritesIt(message);
			}
		}
	}

	@Test
	void htmlWithAnAttachmentAndAnEightBitPart() throws Exception {
		MimeMessage message = new MimeMessage(this.session);
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setText("<p>Rechnung</p>", true);
		helper.addAttachment("rechnung.txt", new ByteArrayResource("Summe: 42 €\n".getBytes()), "text/plain");
		MimeBodyPart eightBit = new MimeBodyPart();
		eightBit.setText("Grüße", "UTF-8");
		eightBit.setHeader("Content-Transfer-Encoding", "8bit");
		helper.getMimeMultipart().addBodyPart(eightBit);
		assertWrittenAsJakartaMailWritesIt(message);
	}

	@Test
	void multipartWhoseTransferEncodingIsIgnored() throws Exception {
		MimeMessage message = new MimeMessage(this.session);
		MimeMultipart inner = new MimeMultipart("alternative");
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Grüße", "UTF-8");
		inner.addBodyPart(text);
		MimeBodyPart wrapper = new MimeBodyPart();
		wrapper.setContent(inner);
		MimeMultipart outer = new MimeMultipart();
		outer.addBodyPart(wrapper);
		message.setContent(outer);
		message.saveChanges();
		// Jakarta Mail writes a multipart as it is, whatever its header says
		wrapper.setHeader("Content-Transfer-Encoding", "base64");
		assertWrittenAsJakartaMailWritesIt(message);
	}

	@Test
	void partsReadFromAStreamBesidePartsSet() throws Exception {
		MimeMessage read = new MimeMessage(this.session);
		WireMessage.fill(read);
		read.saveChanges();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		read.writeTo(bytes);
		MimeMessage message = new MimeMessage(this.session, new ByteArrayInputStream(bytes.toByteArray()));
		// a part added to a message read from bytes: the rest stays as read
		MimeMultipart multipart = (MimeMultipart) message.getContent();
		MimeBodyPart added = new MimeBodyPart();
		added.setDataHandler(new DataHandler(new ByteArrayDataSource(WireMessage.binary(700, 3), "image/png")));
		multipart.addBodyPart(added);
		message.setContent(multipart);
		assertWrittenAsJakartaMailWritesIt(message);
		// and one read and sent as it was read
		assertWrittenAsJakartaMailWritesIt(
				new MimeMessage(this.session, new ByteArrayInputStream(bytes.toByteArray())));
	}

	@Test
	void multipartWithAPreambleAndClassesThatWriteThemselvesAreLeftToJakartaMail() throws Exception {
		MimeMessage message = new MimeMessage(this.session) {

			@Override
			public void writeTo(OutputStream out, String[] ignored) throws IOException, MessagingException {
				out.write("own\r\n".getBytes());
				super.writeTo(out, ignored);
			}

		};
		MimeMultipart multipart = new MimeMultipart();
		multipart.setPreamble("This is a multipart message.");
		MimeBodyPart part = new MimeBodyPart() {

			@Override
			public void writeTo(OutputStream out) throws IOException, MessagingException {
				out.write("part\r\n".getBytes());
				super.writeTo(out);
			}

		};
		part.setText("text");
		multipart.addBodyPart(part);
		message.setContent(multipart);
		assertWrittenAsJakartaMailWritesIt(message);
		MimeMessage plain = new MimeMessage(this.session);
		plain.setContent(multipart);
		assertWrittenAsJakartaMailWritesIt(plain);
	}

	@Test
	void everyStreamOpenedOnAnAttachmentIsClosed() throws Exception {
		// a file attachment: a stream left open is a file handle held until GC
		CountingDataSource pdf = new CountingDataSource(WireMessage.binary(3000, 7), "application/pdf");
		CountingDataSource text = new CountingDataSource("Summe: 42 €\n".getBytes(StandardCharsets.UTF_8),
				"text/plain; charset=UTF-8");
		MimeMessage message = new MimeMessage(this.session);
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setText("<p>Rechnung</p>", true);
		helper.addAttachment("rechnung.pdf", pdf);
		helper.addAttachment("rechnung.txt", text);
		message.saveChanges();
		pdf.opened = 0;
		text.opened = 0;
		MessageWriter.writeTo(message, OutputStream.nullOutputStream(), IGNORED, this.session.getStreamProvider());
		assertThat(pdf.open).as("streams of the PDF left open").isZero();
		assertThat(pdf.opened).as("streams opened on the PDF").isEqualTo(1);
		assertThat(text.open).as("streams of the text attachment left open").isZero();
		assertThat(text.opened).as("streams opened on the text attachment").isEqualTo(1);
	}

	@Test
	void multipartFromADataSourceIsWrittenAsItsBytes() throws Exception {
		// Jakarta Mail copies a data source as it is: a multipart it would parse is not
		// rebuilt from its parts (which would drop the epilogue and respace the
		// boundaries)
		String forwarded = "--inner  \r\nContent-Type: text/plain\r\n\r\nweitergeleitet\r\n--inner--\r\nEpilog\r\n";
		MimeMessage message = new MimeMessage(this.session);
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setText("Anbei.");
		MimeBodyPart part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new ByteArrayDataSource(forwarded.getBytes(StandardCharsets.US_ASCII),
				"multipart/mixed; boundary=inner")));
		helper.getMimeMultipart().addBodyPart(part);
		assertWrittenAsJakartaMailWritesIt(message);
	}

	private void assertWrittenAsJakartaMailWritesIt(MimeMessage message) throws Exception {
		message.saveChanges();
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		message.writeTo(expected, IGNORED);
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		MessageWriter.writeTo(message, written, IGNORED, this.session.getStreamProvider());
		assertThat(WireMessage.bytewise(written.toByteArray())).isEqualTo(WireMessage.bytewise(expected.toByteArray()));
	}

	private static final class CountingDataSource implements DataSource {

		private final byte[] bytes;

		private final String type;

		private int opened;

		private int open;

		CountingDataSource(byte[] bytes, String type) {
			this.bytes = bytes;
			this.type = type;
		}

		@Override
		public InputStream getInputStream() {
			this.opened++;
			this.open++;
			return new FilterInputStream(new ByteArrayInputStream(this.bytes)) {

				private boolean closed;

				@Override
				public void close() throws IOException {
					if (!this.closed) {
						this.closed = true;
						CountingDataSource.this.open--;
					}
					super.close();
				}

			};
		}

		@Override
		public OutputStream getOutputStream() {
			throw new UnsupportedOperationException();
		}

		@Override
		public String getContentType() {
			return this.type;
		}

		@Override
		public String getName() {
			return "attachment";
		}

	}

}

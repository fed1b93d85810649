/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLSocket;

import com.infobip.smtp.SmtpSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees of the relay on the wire, command by command.
 */
class InfobipSmtpTestRelayProtocolTests {

	private final InfobipSmtpTestRelay relay = InfobipSmtpTestRelay.start();

	private final List<Socket> sockets = new ArrayList<>();

	@AfterEach
	void close() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.relay.close();
	}

	@Test
	void ehloOffersSizeAndStartTlsButAuthOnlyAfterStartTls() throws IOException {
		Conversation smtp = connect();
		assertThat(smtp.reply()).startsWith("220");
		List<String> plain = smtp.command("EHLO client.example.com");
		assertThat(plain).contains("250-SIZE 20971520").anyMatch((line) -> line.contains("STARTTLS"));
		assertThat(plain).noneMatch((line) -> line.contains("AUTH"));
		assertThat(smtp.command("MAIL FROM:<shop@example.com>")).last().asString().startsWith("530");
		assertThat(smtp.command("STARTTLS")).last().asString().startsWith("220");
		Conversation tls = smtp.startTls();
		List<String> secured = tls.command("EHLO client.example.com");
		assertThat(secured)
			.anyMatch((line) -> line.contains("AUTH") && line.contains("LOGIN") && line.contains("PLAIN"));
		assertThat(tls.command("MAIL FROM:<shop@example.com>")).last().asString().startsWith("530");
		String plainAuth = Base64.getEncoder()
			.encodeToString(("\0App\0" + this.relay.getApiKey()).getBytes(StandardCharsets.UTF_8));
		assertThat(tls.command("AUTH PLAIN " + plainAuth)).last().asString().startsWith("235");
		assertThat(tls.command("MAIL FROM:<shop@example.com> SIZE=20971521")).last().asString().startsWith("552");
		assertThat(tls.command("MAIL FROM:<shop@example.com> SIZE=1000")).last().asString().startsWith("250");
	}

	@Test
	void endOfDataIsAnsweredWithTheMessageIdOfTheReceivedMessage() throws IOException {
		Conversation smtp = connect();
		smtp.reply();
		smtp.command("EHLO client.example.com");
		smtp.command("STARTTLS");
		Conversation tls = smtp.startTls();
		tls.command("EHLO client.example.com");
		String login = Base64.getEncoder().encodeToString("App".getBytes(StandardCharsets.UTF_8));
		String key = Base64.getEncoder().encodeToString(this.relay.getApiKey().getBytes(StandardCharsets.UTF_8));
		assertThat(tls.command("AUTH LOGIN")).last().asString().startsWith("334");
		assertThat(tls.command(login)).last().asString().startsWith("334");
		assertThat(tls.command(key)).last().asString().startsWith("235");
		tls.command("MAIL FROM:<shop@example.com>");
		tls.command("RCPT TO:<user@example.com>");
		assertThat(tls.command("DATA")).last().asString().startsWith("354");
		List<String> queued = tls.command("Subject: Hi\r\n\r\nHello\r\n.");
		ReceivedMessage received = this.relay.getReceivedMessages().get(0);
		assertThat(queued).containsExactly("250 2.6.0 Message queued as <" + received.messageId() + ">");
		assertThat(received.authenticatedUser()).isEqualTo("App");
	}

	@Test
	void ehloOffersPipeliningUnlessSwitchedOff() throws IOException {
		Conversation smtp = connect();
		smtp.reply();
		assertThat(smtp.command("EHLO client.example.com")).contains("250-PIPELINING", "250-8BITMIME");
		try (InfobipSmtpTestRelay withoutPipelining = InfobipSmtpTestRelay.builder().pipelining(false).start()) {
			assertThat(withoutPipelining.isPipelining()).isFalse();
			Socket socket = new Socket("localhost", withoutPipelining.getPort());
			this.sockets.add(socket);
			Conversation plain = new Conversation(socket);
			plain.reply();
			assertThat(plain.command("EHLO client.example.com")).contains("250-8BITMIME")
				.doesNotContain("250-PIPELINING");
		}
	}

	@Test
	void connectionsBeyondTheLimitAreGreetedWith421() throws IOException {
		this.relay.maxConnections(1);
		assertThat(connect().reply()).startsWith("220");
		assertThat(connect().reply()).startsWith("421");
	}

	@Test
	void implicitTlsRelayOffersAuthFromTheStart() throws IOException {
		try (InfobipSmtpTestRelay tlsRelay = InfobipSmtpTestRelay.start(SmtpSecurity.TLS)) {
			SSLSocket socket = (SSLSocket) tlsRelay.getSslSocketFactory().createSocket("localhost", tlsRelay.getPort());
			this.sockets.add(socket);
			Conversation smtp = new Conversation(socket);
			assertThat(smtp.reply()).startsWith("220");
			assertThat(smtp.command("EHLO client.example.com")).contains("250-SIZE 20971520")
				.anyMatch((line) -> line.contains("AUTH") && line.contains("LOGIN") && line.contains("PLAIN"))
				.noneMatch((line) -> line.contains("STARTTLS"));
		}
	}

	private Conversation connect() throws IOException {
		Socket socket = new Socket("localhost", this.relay.getPort());
		this.sockets.add(socket);
		return new Conversation(socket);
	}

	private final class Conversation {

		private final Socket socket;

		private final BufferedReader in;

		private final OutputStream out;

		Conversation(Socket socket) throws IOException {
			socket.setSoTimeout(5000);
			this.socket = socket;
			this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			this.out = socket.getOutputStream();
		}

		String reply() throws IOException {
			return this.in.readLine();
		}

		List<String> command(String command) throws IOException {
			this.out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
			List<String> lines = new ArrayList<>();
			String line;
			do {
				line = this.in.readLine();
				lines.add(line);
			}
			while (line != null && line.length() > 3 && line.charAt(3) == '-');
			return lines;
		}

		Conversation startTls() throws IOException {
			SSLSocket tls = (SSLSocket) InfobipSmtpTestRelayProtocolTests.this.relay.getSslSocketFactory()
				.createSocket(this.socket, "localhost", this.socket.getPort(), true);
			tls.startHandshake();
			InfobipSmtpTestRelayProtocolTests.this.sockets.add(tls);
			return new Conversation(tls);
		}

	}

}

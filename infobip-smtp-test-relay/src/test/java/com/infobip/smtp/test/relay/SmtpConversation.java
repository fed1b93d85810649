/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

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

/**
 * A client's side of an SMTP conversation, one command and its reply lines at a time.
 */
final class SmtpConversation implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	private SmtpConversation(Socket socket) throws IOException {
		socket.setSoTimeout(5000);
		this.socket = socket;
		this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
		this.out = socket.getOutputStream();
	}

	static SmtpConversation connect(SmtpTestRelay relay) throws IOException {
		if (relay.getSecurity() == SmtpTestRelay.Security.TLS) {
			return new SmtpConversation(TestCertificates.TRUSTED_CA.createSslContext()
				.getSocketFactory()
				.createSocket(relay.getHost(), relay.getPort()));
		}
		return new SmtpConversation(new Socket(relay.getHost(), relay.getPort()));
	}

	/**
	 * Connect, read the greeting, say EHLO, secure the connection with STARTTLS if the
	 * relay requires it, and authenticate with the API key.
	 */
	static SmtpConversation authenticated(SmtpTestRelay relay) throws IOException {
		SmtpConversation smtp = connect(relay);
		smtp.reply();
		smtp.command("EHLO client.example.com");
		if (relay.getSecurity() == SmtpTestRelay.Security.STARTTLS) {
			smtp.command("STARTTLS");
			smtp = smtp.startTls();
			smtp.command("EHLO client.example.com");
		}
		String credentials = "\0App\0" + relay.getApiKey();
		smtp.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		return smtp;
	}

	String reply() throws IOException {
		return this.in.readLine();
	}

	List<String> command(String command) throws IOException {
		this.out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
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

	String last(String command) throws IOException {
		List<String> lines = command(command);
		return lines.get(lines.size() - 1);
	}

	/**
	 * Send a message through DATA.
	 * @return the reply to its end
	 */
	String send(String from, String to, String data) throws IOException {
		command("MAIL FROM:<" + from + ">");
		command("RCPT TO:<" + to + ">");
		command("DATA");
		return last(data + "\r\n.");
	}

	SmtpConversation startTls() throws IOException {
		SSLSocket tls = (SSLSocket) TestCertificates.TRUSTED_CA.createSslContext()
			.getSocketFactory()
			.createSocket(this.socket, "localhost", this.socket.getPort(), true);
		tls.startHandshake();
		return new SmtpConversation(tls);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}

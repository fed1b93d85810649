/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import com.infobip.smtp.test.relay.TestCertificates;

/**
 * A hostile relay on loopback that logs every byte: a minimal SMTP server, STARTTLS and
 * AUTH as Infobip has them, optionally PIPELINING, that records each command line the
 * client sends as raw bytes (not decoded, so a character cut to its low byte shows as
 * that byte) and each message's data. Accepts any credentials and every address.
 */
public final class RawCommandRelay implements AutoCloseable {

	private final ServerSocket server;

	private final boolean pipelining;

	private final List<byte[]> commands = new CopyOnWriteArrayList<>();

	private final List<byte[]> messages = new CopyOnWriteArrayList<>();

	private final AtomicInteger sessions = new AtomicInteger();

	private RawCommandRelay(boolean pipelining) throws IOException {
		this.pipelining = pipelining;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "raw-command-relay");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Start a relay.
	 * @param pipelining whether EHLO offers PIPELINING
	 * @return the running relay
	 * @throws IOException if no port can be opened
	 */
	public static RawCommandRelay start(boolean pipelining) throws IOException {
		return new RawCommandRelay(pipelining);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	public int sessions() {
		return this.sessions.get();
	}

	/**
	 * Return the MAIL FROM and RCPT TO command lines received since the start, as bytes
	 * without CRLF.
	 * @return the command lines
	 */
	public List<byte[]> envelopeCommands() {
		return this.commands.stream().filter((line) -> startsWith(line, "MAIL ") || startsWith(line, "RCPT ")).toList();
	}

	/**
	 * Return the envelope command lines decoded one byte per character, as a relay that
	 * reads bytes sees them.
	 * @return the command lines
	 */
	public List<String> envelopeCommandsAsBytes() {
		return envelopeCommands().stream().map((line) -> new String(line, StandardCharsets.ISO_8859_1)).toList();
	}

	/**
	 * Return the data of every message received, as bytes, without the end-of-data line.
	 * @return the messages
	 */
	public List<byte[]> messages() {
		return List.copyOf(this.messages);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Thread session = new Thread(() -> serve(socket), "raw-command-relay-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket plain) {
		this.sessions.incrementAndGet();
		try (Socket closing = plain) {
			plain.setSoTimeout(10_000);
			Socket socket = plain;
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			reply(out, "220 localhost ESMTP raw command relay");
			boolean tls = false;
			while (true) {
				byte[] line = readLine(in);
				if (line == null) {
					return;
				}
				String command = new String(line, StandardCharsets.ISO_8859_1);
				String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
				if (tls) {
					this.commands.add(line);
				}
				switch (verb) {
					case "EHLO" -> reply(out,
							tls ? "250-localhost\r\n250-8BITMIME\r\n250-SIZE 20971520\r\n"
									+ (this.pipelining ? "250-PIPELINING\r\n" : "") + "250-AUTH LOGIN PLAIN\r\n250 Ok"
									: "250-localhost\r\n250-STARTTLS\r\n250 Ok");
					case "STARTTLS" -> {
						reply(out, "220 Ready to start TLS");
						SSLSocket secured = (SSLSocket) TestCertificates.LOCALHOST.createSslContext()
							.getSocketFactory()
							.createSocket(socket, "localhost", socket.getPort(), true);
						secured.setUseClientMode(false);
						secured.startHandshake();
						socket = secured;
						in = socket.getInputStream();
						out = socket.getOutputStream();
						tls = true;
					}
					case "AUTH" -> {
						if (command.toUpperCase(Locale.ROOT).startsWith("AUTH LOGIN")) {
							reply(out, "334 VXNlcm5hbWU6");
							readLine(in);
							reply(out, "334 UGFzc3dvcmQ6");
							readLine(in);
						}
						else if (command.trim().equalsIgnoreCase("AUTH PLAIN")) {
							reply(out, "334 ");
							readLine(in);
						}
						reply(out, "235 Authentication successful");
					}
					case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 Ok");
					case "DATA" -> {
						reply(out, "354 Continue");
						this.messages.add(readData(in));
						reply(out, "250 Ok: queued as RAW" + this.messages.size());
					}
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "502 Command not implemented");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static byte[] readData(InputStream in) throws IOException {
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		while (true) {
			byte[] line = readLine(in);
			if (line == null || (line.length == 1 && line[0] == '.')) {
				return data.toByteArray();
			}
			data.write(line);
			data.write('\r');
			data.write('\n');
		}
	}

	// a line up to CRLF, every byte kept
	private static byte[] readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			if (previous == '\r' && b == '\n') {
				byte[] bytes = line.toByteArray();
				return Arrays.copyOf(bytes, bytes.length - 1);
			}
			line.write(b);
			previous = b;
		}
	}

	private static void reply(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static boolean startsWith(byte[] line, String prefix) {
		if (line.length < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (Character.toUpperCase(line[i]) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}

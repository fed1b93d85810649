/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.relay;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Consumer;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * The commands of an {@link SmtpTestRelay} that differ from SubEthaSMTP's: EHLO as
 * Infobip's relay answers it ({@code 8BITMIME}, {@code SIZE}, optionally
 * {@code PIPELINING} and {@code DSN}, {@code STARTTLS} before TLS,
 * {@code AUTH PLAIN LOGIN} once secured), and MAIL, RCPT and QUIT recorded as received.
 * SubEthaSMTP reads pipelined commands in order but neither advertises the keyword nor
 * offers a public way to change a command, so its builder's command handler is replaced
 * by reflection.
 */
final class RelayCommands {

	private RelayCommands() {
	}

	/**
	 * Install the commands.
	 * @param builder the server's builder
	 * @param pipelining whether EHLO lists PIPELINING
	 * @param dsn whether EHLO lists DSN
	 * @param commandLines what receives every MAIL, RCPT and QUIT command line,
	 * parameters included
	 */
	static void install(SMTPServer.Builder builder, boolean pipelining, boolean dsn, Consumer<String> commandLines) {
		CommandHandler commands = new CommandHandler();
		commands.addCommand(new Ehlo(pipelining, dsn));
		for (String verb : List.of("MAIL", "RCPT", "QUIT")) {
			commands.addCommand(new Recording(commands.getCommand(verb), commandLines));
		}
		try {
			Field field = SMTPServer.Builder.class.getDeclaredField("commandHandler");
			field.setAccessible(true);
			field.set(builder, commands);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("SubEthaSMTP changed: cannot replace EHLO", ex);
		}
	}

	/**
	 * EHLO as Infobip's integration guide lists it.
	 */
	private static final class Ehlo extends BaseCommand {

		private final boolean pipelining;

		private final boolean dsn;

		Ehlo(boolean pipelining, boolean dsn) {
			super("EHLO", "Introduce yourself.", "<hostname>");
			this.pipelining = pipelining;
			this.dsn = dsn;
		}

		@Override
		public void execute(String commandString, Session session) throws IOException {
			String[] args = getArgs(commandString);
			if (args.length < 2) {
				session.sendResponse("501 Syntax: EHLO hostname");
				return;
			}
			session.resetMailTransaction();
			session.setHelo(args[1]);
			SMTPServer server = session.getServer();
			StringBuilder response = new StringBuilder("250-").append(server.getHostName());
			response.append("\r\n250-8BITMIME\r\n250-SIZE ").append(server.getMaxMessageSize());
			if (this.pipelining) {
				response.append("\r\n250-PIPELINING");
			}
			if (this.dsn) {
				response.append("\r\n250-DSN");
			}
			if (server.getEnableTLS() && !session.isTLSStarted()) {
				response.append("\r\n250-STARTTLS");
			}
			if (session.isTLSStarted() || !server.getRequireTLS()) {
				response.append("\r\n250-AUTH PLAIN LOGIN");
			}
			session.sendResponse(response.append("\r\n250 Ok").toString());
		}

	}

	/**
	 * A command that records its line, then runs as before.
	 */
	private record Recording(Command command, Consumer<String> lines) implements Command {

		@Override
		public void execute(String commandString, Session session) throws IOException, DropConnectionException {
			this.lines.accept(commandString);
			this.command.execute(commandString, session);
		}

		@Override
		public HelpMessage getHelp() throws CommandException {
			return this.command.getHelp();
		}

		@Override
		public String getName() {
			return this.command.getName();
		}

	}

}

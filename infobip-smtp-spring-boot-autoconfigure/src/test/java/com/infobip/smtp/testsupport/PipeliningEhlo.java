/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import java.io.IOException;
import java.lang.reflect.Field;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * EHLO as Infobip's integration guide lists it, PIPELINING included, for a SubEthaSMTP
 * relay: SubEthaSMTP reads pipelined commands in order but does not advertise the
 * keyword, and its builder has no public way to change a command, so the command handler
 * is set by reflection (test code only).
 */
final class PipeliningEhlo extends BaseCommand {

	private PipeliningEhlo() {
		super("EHLO", "Introduce yourself.", "<hostname>");
	}

	static void install(SMTPServer.Builder builder) {
		CommandHandler commands = new CommandHandler();
		commands.addCommand(new PipeliningEhlo());
		try {
			Field field = SMTPServer.Builder.class.getDeclaredField("commandHandler");
			field.setAccessible(true);
			field.set(builder, commands);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("SubEthaSMTP changed: cannot replace EHLO", ex);
		}
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
		response.append("\r\n250-PIPELINING");
		if (server.getEnableTLS() && !session.isTLSStarted()) {
			response.append("\r\n250-STARTTLS");
		}
		if (session.isTLSStarted() || !server.getRequireTLS()) {
			response.append("\r\n250-AUTH PLAIN LOGIN");
		}
		session.sendResponse(response.append("\r\n250 Ok").toString());
	}

}

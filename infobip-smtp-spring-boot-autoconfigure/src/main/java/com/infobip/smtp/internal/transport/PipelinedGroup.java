/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;

/**
 * The commands of one message sent in one flight to a relay that offers PIPELINING (RFC
 * 2920): MAIL FROM, every RCPT TO, DATA. Angus Mail then issues the same commands one by
 * one and reads each reply in order; the ones already sent are skipped here, so every
 * reply is still read and checked by Angus as it would be without pipelining.
 */
final class PipelinedGroup {

	private final Deque<String> sentAhead = new ArrayDeque<>();

	private int unreadReplies;

	/**
	 * Start a group with the MAIL FROM command Angus is about to send.
	 * @param mailFrom the MAIL FROM command
	 * @param recipients the envelope recipients
	 * @return the group's commands, each ended by CRLF, to be sent in one write
	 * @throws IllegalArgumentException if a command holds anything but printable
	 * US-ASCII, which the envelope's checks refused before
	 */
	byte[] start(String mailFrom, Address[] recipients) {
		List<String> commands = new ArrayList<>(recipients.length + 2);
		commands.add(mailFrom);
		for (Address recipient : recipients) {
			commands.add("RCPT TO:" + bracketed(((InternetAddress) recipient).getAddress()));
		}
		commands.add("DATA");
		StringBuilder group = new StringBuilder();
		for (String command : commands) {
			if (!isPrintableAscii(command)) {
				throw new IllegalArgumentException(
						"An SMTP command holds a character that would not be written as it is; not sent");
			}
			group.append(command).append("\r\n");
		}
		this.sentAhead.clear();
		this.sentAhead.addAll(commands.subList(1, commands.size()));
		this.unreadReplies = commands.size();
		return group.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Return whether a command holds only printable US-ASCII, which Angus writes one byte
	 * per character as it is.
	 */
	static boolean isPrintableAscii(String command) {
		for (int i = 0; i < command.length(); i++) {
			char c = command.charAt(i);
			if (c < ' ' || c > '~') {
				return false;
			}
		}
		return true;
	}

	// as Angus writes an address in RCPT TO
	private static String bracketed(String address) {
		return (address.startsWith("<") || address.endsWith(">")) ? address : "<" + address + ">";
	}

	/**
	 * Return whether the command was sent ahead and must not be sent again.
	 * @param command a command Angus is about to send
	 * @return whether to skip it
	 * @throws IllegalStateException if it is one of the group's kind but not the one sent
	 * ahead, which would put the transaction out of step
	 */
	boolean skip(String command) {
		String next = this.sentAhead.peekFirst();
		if (next == null) {
			return false;
		}
		if (next.equals(command)) {
			this.sentAhead.removeFirst();
			return true;
		}
		if (command.startsWith("RCPT TO:") || command.equals("DATA")) {
			throw new IllegalStateException("Pipelined commands out of step: expected " + next);
		}
		return false;
	}

	/**
	 * Return how many replies to commands of the group are still to be read.
	 * @return the number of replies
	 */
	int unreadReplies() {
		return this.unreadReplies;
	}

	/**
	 * Note that a reply was read.
	 */
	void replyRead() {
		if (this.unreadReplies > 0) {
			this.unreadReplies--;
		}
	}

	/**
	 * Forget the group: its replies were read, or the connection is closed.
	 */
	void clear() {
		this.sentAhead.clear();
		this.unreadReplies = 0;
	}

}

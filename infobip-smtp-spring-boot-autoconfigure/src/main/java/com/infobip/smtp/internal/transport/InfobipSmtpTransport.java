/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.internal.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLSocket;

import com.infobip.smtp.SmtpPhase;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Angus Mail's SMTP transport that remembers how far a send got, so that a failure after
 * the end-of-data dot (the relay may have queued the message) is never mistaken for one
 * that is safe to retry, and that never waits for a relay that stopped answering once it
 * closes the connection. Public only because Jakarta Mail instantiates it reflectively.
 *
 * @since 0.1.0
 */
public class InfobipSmtpTransport extends SMTPTransport {

	// closing a TLS 1.3 socket reads for up to its read timeout in the hope of the
	// peer's close_notify; a relay that stopped answering would cost a second timeout
	private static final int CLOSING_READ_TIMEOUT_MILLIS = 1;

	private static final ThreadLocal<InfobipSmtpTransport> connecting = new ThreadLocal<>();

	/** Session property: whether to pipeline when the relay offers PIPELINING. */
	static final String PIPELINING_PROPERTY = "mail.smtp.infobip.pipelining";

	private volatile SmtpPhase phase = SmtpPhase.CONNECT;

	private final boolean pipelining;

	private volatile @Nullable Socket socket;

	private volatile boolean aborting;

	private final PipelinedGroup pipelined = new PipelinedGroup();

	// the envelope of the message being sent, while it may be pipelined
	private Address @Nullable [] pipelinable;

	// the checked envelope of the message being sent, and the start of the MAIL FROM
	// command Angus writes for it, whose path is replaced by the checked sender
	private @Nullable SmtpEnvelope envelope;

	private @Nullable String angusSenderPath;

	// the stream the message being sent is written to, until the end of its data
	private @Nullable HeaderSafeLineOutputStream dataStream;

	// run once the relay accepted the envelope and DATA, before the data is written
	private @Nullable Runnable beforeData;

	// what Angus is given to send in place of the message: it writes the message
	private final OutgoingMessage outgoing;

	/**
	 * Create a transport, as Jakarta Mail does.
	 * @param session the session
	 * @param urlName the URL name
	 */
	public InfobipSmtpTransport(Session session, URLName urlName) {
		super(session, urlName);
		this.pipelining = !"false".equals(session.getProperty(PIPELINING_PROPERTY));
		this.outgoing = new OutgoingMessage(session, new MimePartWriter(session.getStreamProvider()));
		JakartaMailLogging.apply();
	}

	/**
	 * Return the step the last send reached.
	 * @return the phase
	 */
	public SmtpPhase getPhase() {
		return this.phase;
	}

	@Override
	protected synchronized boolean protocolConnect(String host, int port, String user, String password)
			throws MessagingException {
		connecting.set(this);
		try {
			return super.protocolConnect(host, port, user, password);
		}
		finally {
			connecting.remove();
		}
	}

	/**
	 * Send a message to exactly the given envelope: MAIL FROM carries its sender, each
	 * RCPT TO one of its recipients, as they were checked. The message is written by
	 * {@link MimePartWriter} with this session's stream provider.
	 * @param message the message, its changes saved
	 * @param envelope the envelope, whose sender must be the one Angus takes for the
	 * message ({@link EnvelopeAddresses#senderOf})
	 * @param beforeData run once the relay accepted the envelope and DATA, right before
	 * the data is written; if it throws, the connection is closed instead and a
	 * {@link DataWithheldException} thrown
	 * @throws MessagingException if sending fails
	 */
	synchronized void sendMessage(MimeMessage message, SmtpEnvelope envelope, @Nullable Runnable beforeData)
			throws MessagingException {
		String sender = EnvelopeAddresses.senderOf(message);
		if (sender == null || !envelope.sender().equals(EnvelopeAddresses.toWire(sender))) {
			throw new MessagingException("The message's envelope sender is not the one checked; not sent");
		}
		Address[] recipients = new Address[envelope.recipients().size()];
		for (int i = 0; i < recipients.length; i++) {
			InternetAddress recipient = new InternetAddress();
			// as checked, not parsed again
			recipient.setAddress(envelope.recipients().get(i));
			recipients[i] = recipient;
		}
		this.envelope = envelope;
		this.angusSenderPath = "MAIL FROM:<" + sender + ">";
		this.beforeData = beforeData;
		boolean writtenHere = !OutgoingMessage.mayConvertTo8Bit(message, this.session);
		if (writtenHere) {
			this.outgoing.set(message, sender);
		}
		try {
			sendMessage(writtenHere ? this.outgoing : message, recipients);
		}
		finally {
			this.envelope = null;
			this.angusSenderPath = null;
			this.beforeData = null;
			this.outgoing.clear();
		}
	}

	@Override
	public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
		this.phase = SmtpPhase.MAIL;
		// only an envelope that was checked: its recipients are single addresses
		this.pipelinable = (this.pipelining && this.envelope != null && !asksForDeliveryStatusNotifications(message))
				? addresses : null;
		try {
			super.sendMessage(message, addresses);
		}
		finally {
			// read to the end, or the connection is discarded after a failure
			this.pipelinable = null;
			this.pipelined.clear();
		}
	}

	/**
	 * Return whether Angus will add a NOTIFY parameter to every RCPT TO (DSN, RFC 3461),
	 * which the group does not write: such a message is sent one command per turn.
	 */
	private boolean asksForDeliveryStatusNotifications(Message message) {
		if (!supportsExtension("DSN")) {
			return false;
		}
		return (message instanceof SMTPMessage smtpMessage && smtpMessage.getNotifyOptions() != 0)
				|| this.session.getProperty("mail.smtp.dsn.notify") != null;
	}

	@Override
	protected void mailFrom() throws MessagingException {
		this.phase = SmtpPhase.MAIL;
		super.mailFrom();
	}

	@Override
	protected void rcptTo() throws MessagingException {
		this.phase = SmtpPhase.RCPT;
		super.rcptTo();
	}

	@Override
	protected OutputStream data() throws MessagingException {
		this.phase = SmtpPhase.DATA;
		// The line stream MimeBodyPart.writeTo would wrap the data stream in, made here:
		// given one, jakarta.mail-api skips its StreamProvider lookup, a class path scan
		// on every message (jakartaee/mail-api#861). It also refuses header lines that
		// would break the header block.
		OutputStream data = super.data();
		withholdUnlessAllowed();
		this.dataStream = new HeaderSafeLineOutputStream(data, HeaderSafeLineOutputStream.ALLOW_UTF8);
		return this.dataStream;
	}

	/**
	 * Run the callback before the data; if it throws, close the connection: a relay that
	 * loses the connection before the end-of-data dot discards the transaction (RFC 5321,
	 * 3.8), whereas anything written now would be taken for the message.
	 */
	private void withholdUnlessAllowed() {
		Runnable beforeData = this.beforeData;
		if (beforeData == null) {
			return;
		}
		try {
			beforeData.run();
		}
		catch (RuntimeException ex) {
			abort();
			throw new DataWithheldException(ex);
		}
	}

	@Override
	protected void finishData() throws IOException, MessagingException {
		HeaderSafeLineOutputStream data = this.dataStream;
		this.dataStream = null;
		if (data != null) {
			// bytes a message's writeTo left in it belong before the end of the data
			data.flush();
		}
		// from here on the relay may have the whole message
		this.phase = SmtpPhase.END_OF_DATA;
		super.finishData();
	}

	@Override
	protected int readServerResponse() throws MessagingException {
		try {
			int code = super.readServerResponse();
			this.pipelined.replyRead();
			return code;
		}
		catch (MessagingException ex) {
			// the reply timed out or the connection broke: Angus closes it next
			closeWithoutWaiting();
			throw ex;
		}
	}

	@Override
	protected void sendCommand(String command) throws MessagingException {
		if (this.aborting) {
			// the verb only: a command may carry an address
			throw new MessagingException("Connection is being abandoned; not sending " + command.split("[ :]", 2)[0]);
		}
		command = checkedCommand(command);
		if (skipPipelined(command)) {
			return;
		}
		if (this.pipelined.unreadReplies() > 0) {
			// a command outside the group, such as RSET after a refusal: first read what
			// the relay answered to the rest of the group
			readRestOfGroup();
		}
		Address[] recipients = this.pipelinable;
		if (recipients != null && command.startsWith("MAIL FROM:") && supportsExtension("PIPELINING")
				&& sendGroup(command, recipients)) {
			return;
		}
		super.sendCommand(command);
	}

	/**
	 * Return the command as it is written: MAIL FROM with the checked sender's path, and
	 * only printable US-ASCII, which Angus writes one byte per character as it is.
	 */
	private String checkedCommand(String command) throws MessagingException {
		SmtpEnvelope envelope = this.envelope;
		String senderPath = this.angusSenderPath;
		if (envelope != null && senderPath != null && command.startsWith("MAIL FROM:")) {
			if (!command.startsWith(senderPath)) {
				throw new MessagingException("MAIL FROM does not carry the envelope sender that was checked; not sent");
			}
			command = "MAIL FROM:<" + envelope.sender() + ">" + command.substring(senderPath.length());
		}
		if (!PipelinedGroup.isPrintableAscii(command)) {
			throw new MessagingException(
					"An SMTP command holds a character that would not be written as it is; not sent");
		}
		return command;
	}

	/**
	 * Send MAIL FROM, every RCPT TO and DATA in one write (RFC 2920): one round trip
	 * instead of one per command. Angus then reads each reply in order, as without
	 * pipelining. Written to the TLS socket itself, as Angus would write the commands one
	 * by one: Angus refuses a command with a line break in it, and its own stream is
	 * empty between commands.
	 */
	private boolean sendGroup(String mailFrom, Address[] recipients) throws MessagingException {
		Socket socket = this.socket;
		if (!(socket instanceof SSLSocket)) {
			// never anything but TLS
			return false;
		}
		byte[] group;
		try {
			group = this.pipelined.start(mailFrom, recipients);
		}
		catch (IllegalArgumentException ex) {
			throw new MessagingException(ex.getMessage());
		}
		try {
			OutputStream out = socket.getOutputStream();
			out.write(group);
			out.flush();
			return true;
		}
		catch (IOException ex) {
			throw new MessagingException("Can't send command to SMTP host", ex);
		}
	}

	private boolean skipPipelined(String command) throws MessagingException {
		try {
			return this.pipelined.skip(command);
		}
		catch (IllegalStateException ex) {
			abort();
			throw new MessagingException(ex.getMessage() + "; connection closed");
		}
	}

	private void readRestOfGroup() throws MessagingException {
		int last = -1;
		while (this.pipelined.unreadReplies() > 0) {
			last = readServerResponse();
		}
		this.pipelined.clear();
		if (last == 354) {
			// the relay took DATA for a transaction the client gave up: ending the data
			// would send an empty message, so the connection is closed instead
			abort();
			throw new MessagingException("The relay accepted DATA after refusing the transaction; connection closed");
		}
	}

	/**
	 * Close the connection with QUIT, without waiting for the relay's answer.
	 */
	@Override
	public synchronized void close() throws MessagingException {
		closeWithoutWaiting();
		super.close();
	}

	/**
	 * Close the connection without QUIT: its state is unknown, for instance in the middle
	 * of the data, where QUIT would be taken for a line of the message.
	 */
	void abort() {
		this.aborting = true;
		try {
			close();
		}
		catch (MessagingException ex) {
			// closed either way
		}
	}

	private void closeWithoutWaiting() {
		Socket socket = this.socket;
		if (socket != null) {
			try {
				socket.setSoTimeout(CLOSING_READ_TIMEOUT_MILLIS);
			}
			catch (SocketException ex) {
				// already closed
			}
		}
	}

	/**
	 * Record a socket opened for the transport connecting on this thread.
	 * @param socket the socket
	 * @return the socket
	 */
	static Socket opened(Socket socket) throws SocketException {
		// the end of a pipelined group or of the data must not wait for the ACK of
		// what went before it (Nagle's algorithm): that would add a round trip
		socket.setTcpNoDelay(true);
		InfobipSmtpTransport transport = connecting.get();
		if (transport != null) {
			transport.socket = socket;
		}
		return socket;
	}

}

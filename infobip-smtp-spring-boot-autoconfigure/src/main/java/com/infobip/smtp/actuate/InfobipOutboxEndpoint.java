/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.actuate;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.infobip.smtp.SmtpReply;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxOrder;
import com.infobip.smtp.outbox.InfobipOutboxResolution;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code infobipoutbox} endpoint, over the application's {@link InfobipMailOutbox}:
 * how many entries are in each status and how long the oldest entry that waits to be sent
 * has waited, a page of the entries in a status, one entry as the ledger knows it (its
 * subject and recipients, the relay's last reply, its delivery report), and the
 * operators' operations on an entry: retry a failed one, cancel a pending one, resolve
 * one whose fate is unknown. A message's body is never shown: the ledger does not hold it
 * for an entry, and the endpoint shows nothing but the entry.
 * <p>
 * As every endpoint, it is reachable over HTTP only once the application exposes it
 * ({@code management.endpoints.web.exposure.include=infobipoutbox}). Its write operation
 * decides what is sent: secure it as such, or keep the endpoint to its reads with
 * {@code management.endpoint.infobipoutbox.access=read-only}. Every write is logged at
 * INFO with the entry's id, the action and the principal.
 *
 * @since 0.1.0
 */
@Endpoint(id = "infobipoutbox", defaultAccess = Access.UNRESTRICTED)
public class InfobipOutboxEndpoint {

	/**
	 * How many entries a page holds when the request does not say.
	 */
	public static final int DEFAULT_PAGE_SIZE = 20;

	/**
	 * The most entries a page holds, as {@link InfobipMailOutbox#findByStatus} returns.
	 */
	public static final int MAX_PAGE_SIZE = 1000;

	private static final Log logger = LogFactory.getLog(InfobipOutboxEndpoint.class);

	private final InfobipMailOutbox outbox;

	/**
	 * Create an endpoint.
	 * @param outbox the outbox
	 */
	public InfobipOutboxEndpoint(InfobipMailOutbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * Return how many entries are in each status and how long the oldest entry that waits
	 * to be sent has waited; with a status, also a page of its entries.
	 * @param status the status whose entries to page through, in any case, if any
	 * @param order {@code newest} (the default) or {@code oldest} first, by when the
	 * entries were enqueued
	 * @param offset how many entries to skip, 0 by default
	 * @param limit how many entries to return at most, {@value #DEFAULT_PAGE_SIZE} by
	 * default, at most {@value #MAX_PAGE_SIZE}
	 * @return the counts, the age and the page
	 * @throws InvalidEndpointRequestException if a parameter is not valid, or one of
	 * order, offset and limit is given without a status
	 */
	@ReadOperation
	public OutboxDescriptor outbox(@Nullable String status, @Nullable String order, @Nullable Integer offset,
			@Nullable Integer limit) {
		if (status == null && (order != null || offset != null || limit != null)) {
			throw invalid("order, offset and limit page through the entries of a status: give the status");
		}
		PageDescriptor page = (status != null) ? page(status, order, offset, limit) : null;
		Map<InfobipOutboxStatus, Long> counts = this.outbox.countByStatus();
		// as the health contributor shows them
		Map<String, Long> entries = new LinkedHashMap<>();
		for (InfobipOutboxStatus each : InfobipOutboxStatus.values()) {
			entries.put(each.name().toLowerCase(Locale.ROOT), counts.getOrDefault(each, 0L));
		}
		String oldestPendingAge = this.outbox.oldestPendingAge().map(Duration::toString).orElse(null);
		return new OutboxDescriptor(entries, oldestPendingAge, page);
	}

	/**
	 * Return one entry, as the ledger knows it.
	 * @param id the entry's id
	 * @return the entry, or {@code null} if there is none
	 */
	@ReadOperation
	public @Nullable EntryDescriptor entry(@Selector String id) {
		return this.outbox.find(id).map(InfobipOutboxEndpoint::describe).orElse(null);
	}

	/**
	 * Carry out an operator's action on an entry: {@code retry} a
	 * {@link InfobipOutboxStatus#FAILED FAILED} one, {@code cancel} a
	 * {@link InfobipOutboxStatus#PENDING PENDING} one, or {@code resolve} an
	 * {@link InfobipOutboxStatus#UNKNOWN UNKNOWN} one with a resolution, {@code SENT} or
	 * {@code RETRY}. It is logged at INFO with the principal.
	 * @param id the entry's id
	 * @param action {@code retry}, {@code cancel} or {@code resolve}, in any case
	 * @param resolution with {@code resolve} only: {@code SENT} or {@code RETRY}, in any
	 * case
	 * @param securityContext the caller's security context
	 * @return whether it was done, and the entry's status now
	 * @throws InvalidEndpointRequestException if the action or the resolution is not
	 * valid
	 */
	@WriteOperation
	public ActionDescriptor act(@Selector String id, String action, @Nullable String resolution,
			SecurityContext securityContext) {
		Action wanted = parse(Action.class, "action", action);
		if (wanted != Action.RESOLVE && resolution != null) {
			throw invalid("resolution goes with action resolve only");
		}
		if (hasControlCharacter(id)) {
			// ids have none; logged, such an id would forge a line
			throw invalid("id must not contain control characters");
		}
		InfobipOutboxResolution decision = null;
		boolean done;
		if (wanted == Action.RESOLVE) {
			decision = parse(InfobipOutboxResolution.class, "resolution", resolution);
			done = this.outbox.resolveUnknown(id, decision);
		}
		else {
			done = (wanted == Action.RETRY) ? this.outbox.retry(id) : this.outbox.cancel(id);
		}
		InfobipOutboxStatus status = this.outbox.find(id).map(InfobipOutboxEntry::status).orElse(null);
		if (logger.isInfoEnabled()) {
			Principal principal = securityContext.getPrincipal();
			String caller = (principal != null) ? principal.getName() : "unauthenticated";
			logger.info("Outbox entry " + id + ": " + ((decision != null) ? "resolve as " + decision : wanted.value())
					+ " by " + loggable(caller) + " through the infobipoutbox endpoint " + (done ? "done" : "not done")
					+ ((status != null) ? ", now " + status : ", no such entry"));
		}
		return new ActionDescriptor(id, wanted.value(), (decision != null) ? decision.name() : null, done,
				(status != null) ? status.name() : null);
	}

	private PageDescriptor page(String status, @Nullable String order, @Nullable Integer offset,
			@Nullable Integer limit) {
		InfobipOutboxStatus wanted = parse(InfobipOutboxStatus.class, "status", status);
		Order sort = (order != null) ? parse(Order.class, "order", order) : Order.NEWEST;
		int skip = (offset != null) ? offset : 0;
		int size = (limit != null) ? limit : DEFAULT_PAGE_SIZE;
		if (skip < 0) {
			throw invalid("offset must not be negative");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw invalid("limit must be between 1 and " + MAX_PAGE_SIZE);
		}
		List<EntryDescriptor> entries = this.outbox.findByStatus(wanted, sort.order, skip, size)
			.stream()
			.map(InfobipOutboxEndpoint::describe)
			.toList();
		return new PageDescriptor(wanted.name(), sort.value(), skip, size, entries);
	}

	private static EntryDescriptor describe(InfobipOutboxEntry entry) {
		SmtpReply reply = entry.lastReply();
		ReplyDescriptor lastReply = (reply != null)
				? new ReplyDescriptor(reply.phase().name(), reply.code(), reply.enhancedStatus(), reply.text()) : null;
		return new EntryDescriptor(entry.id(), entry.status().name(), entry.key(), entry.messageIdHeader(),
				entry.bulkId(), entry.subject(), entry.recipients(), entry.messageId(), entry.attempts(), lastReply,
				entry.lastError(), entry.createdAt().toString(), instant(entry.notBefore()),
				instant(entry.completedAt()), entry.deliveryStatus(), entry.deliveryStatusName(),
				instant(entry.deliveryUpdatedAt()), entry.trackingEvent(), instant(entry.trackingUpdatedAt()));
	}

	private static @Nullable String instant(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	// the request's value is not echoed: the allowed ones are
	private static <E extends Enum<E>> E parse(Class<E> type, String name, @Nullable String value) {
		E[] constants = type.getEnumConstants();
		for (E constant : constants) {
			if (constant.name().equalsIgnoreCase(value)) {
				return constant;
			}
		}
		throw invalid(name + " must be one of " + Arrays.toString(constants).toLowerCase(Locale.ROOT));
	}

	private static boolean hasControlCharacter(String value) {
		return value.chars().anyMatch(Character::isISOControl);
	}

	private static String loggable(String value) {
		return hasControlCharacter(value) ? value.replaceAll("\\p{Cntrl}", "?") : value;
	}

	private static InvalidEndpointRequestException invalid(String reason) {
		return new InvalidEndpointRequestException(reason, reason);
	}

	private enum Action {

		RETRY, CANCEL, RESOLVE;

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private enum Order {

		NEWEST(InfobipOutboxOrder.NEWEST_FIRST), OLDEST(InfobipOutboxOrder.OLDEST_FIRST);

		private final InfobipOutboxOrder order;

		Order(InfobipOutboxOrder order) {
			this.order = order;
		}

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The outbox at a glance.
	 *
	 * @param entries how many entries are in each status, by the status in lower case,
	 * every status included
	 * @param oldestPendingAge how long the oldest entry that waits to be sent has waited,
	 * as an ISO-8601 duration; {@code null} when none waits
	 * @param page the page of entries asked for, if any
	 */
	public record OutboxDescriptor(Map<String, Long> entries, @Nullable String oldestPendingAge,
			@Nullable PageDescriptor page) implements OperationResponseBody {

	}

	/**
	 * A page of the entries in a status.
	 *
	 * @param status the status
	 * @param order {@code newest} or {@code oldest} first
	 * @param offset how many entries were skipped
	 * @param limit how many entries it holds at most
	 * @param entries the entries
	 */
	public record PageDescriptor(String status, String order, int offset, int limit, List<EntryDescriptor> entries) {

	}

	/**
	 * An entry as the ledger knows it (see {@link InfobipOutboxEntry}), times as ISO-8601
	 * instants in UTC. There is no body.
	 *
	 * @param id the entry's id
	 * @param status its status
	 * @param key the application's key, if any
	 * @param messageIdHeader the message's Message-ID header
	 * @param bulkId the message's bulk id, if any
	 * @param subject the message's subject, if any
	 * @param recipients the envelope's recipients
	 * @param messageId Infobip's message id, once sent
	 * @param attempts how many times it was offered to the relay
	 * @param lastReply the relay's reply to the last attempt, if it answered one
	 * @param lastError the last failure, if any
	 * @param createdAt when it was enqueued
	 * @param notBefore when it is sent at the earliest, if enqueued for later
	 * @param completedAt when its life ended, if it did
	 * @param deliveryStatus the group of the latest delivery report, if any
	 * @param deliveryStatusName the name of that report's status
	 * @param deliveryUpdatedAt when that report came back
	 * @param trackingEvent the latest tracking event, if any
	 * @param trackingUpdatedAt when it came back
	 */
	public record EntryDescriptor(String id, String status, @Nullable String key, @Nullable String messageIdHeader,
			@Nullable String bulkId, @Nullable String subject, List<String> recipients, @Nullable String messageId,
			int attempts, @Nullable ReplyDescriptor lastReply, @Nullable String lastError, String createdAt,
			@Nullable String notBefore, @Nullable String completedAt, @Nullable String deliveryStatus,
			@Nullable String deliveryStatusName, @Nullable String deliveryUpdatedAt, @Nullable String trackingEvent,
			@Nullable String trackingUpdatedAt) implements OperationResponseBody {

	}

	/**
	 * The relay's reply to an entry's last attempt (see {@link SmtpReply}).
	 *
	 * @param phase the phase of the session it answered
	 * @param code its code
	 * @param enhancedStatus its enhanced status code, if any
	 * @param text its text
	 */
	public record ReplyDescriptor(String phase, int code, @Nullable String enhancedStatus, String text) {

	}

	/**
	 * What an action did.
	 *
	 * @param id the entry's id
	 * @param action the action, in lower case
	 * @param resolution the resolution of a {@code resolve}, in upper case
	 * @param done whether it was done; not when there is no such entry or it is not in
	 * the status the action needs (anymore)
	 * @param status the entry's status once it was done or not; {@code null} if there is
	 * no such entry
	 */
	public record ActionDescriptor(String id, String action, @Nullable String resolution, boolean done,
			@Nullable String status) implements OperationResponseBody {

	}

}

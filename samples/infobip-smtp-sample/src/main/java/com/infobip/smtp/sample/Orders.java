/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.infobip.smtp.InfobipMessageHeaders;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Places orders and tells what became of their confirmation mail. An order and its
 * confirmation are committed together, in one transaction, or neither is: the outbox
 * sends the mail only once the order is committed.
 */
@Service
class Orders {

	static final String CALLBACK_DATA_PREFIX = "order-";

	private final JdbcClient jdbc;

	private final InfobipMailOutbox outbox;

	Orders(JdbcClient jdbc, InfobipMailOutbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/**
	 * Enqueue the order's confirmation, then insert the order, which names it.
	 * @throws DuplicateOrderException if an order has the reference already; the
	 * transaction, confirmation included, is rolled back
	 */
	@Transactional
	PlacedOrder place(String reference, InternetAddress customer, String item, int quantity) {
		String id = UUID.randomUUID().toString();
		String confirmationId = this.outbox
			.enqueue((message) -> confirmation(message, id, reference, customer, item, quantity));
		try {
			this.jdbc
				.sql("insert into orders (id, reference, customer, item, quantity, confirmation_id, created_at)"
						+ " values (?, ?, ?, ?, ?, ?, ?)")
				.params(id, reference, customer.getAddress(), item, quantity, confirmationId, Instant.now())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new DuplicateOrderException(reference, confirmationId);
		}
		return new PlacedOrder(id, confirmationId);
	}

	/**
	 * Return the order with what the outbox's ledger knows of its confirmation.
	 */
	Optional<OrderView> find(String id) {
		return this.jdbc
			.sql("select id, reference, customer, item, quantity, confirmation_id, created_at from orders where id = ?")
			.param(id)
			.query((rs, row) -> new OrderView(rs.getString("id"), rs.getString("reference"), rs.getString("customer"),
					rs.getString("item"), rs.getInt("quantity"), rs.getObject("created_at", Instant.class),
					rs.getString("confirmation_id"), null))
			.optional()
			.map((order) -> order.withConfirmation(this.outbox.find(order.confirmationId()).orElse(null)));
	}

	/**
	 * Return the order whose confirmation carried the given callback data, as delivery
	 * reports and tracking events bring it back.
	 */
	Optional<OrderView> findByCallbackData(@Nullable String callbackData) {
		if (callbackData == null || !callbackData.startsWith(CALLBACK_DATA_PREFIX)) {
			return Optional.empty();
		}
		return find(callbackData.substring(CALLBACK_DATA_PREFIX.length()));
	}

	private static void confirmation(MimeMessage message, String id, String reference, InternetAddress customer,
			String item, int quantity) throws MessagingException {
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setTo(customer);
		helper.setSubject("Your order " + reference);
		String line = quantity + " x " + item;
		helper.setText("Thank you for your order " + reference + ": " + line + ".",
				"<html><body><h1>Thank you for your order</h1><p>Order <b>" + HtmlUtils.htmlEscape(reference) + "</b>: "
						+ HtmlUtils.htmlEscape(line) + ".</p></body></html>");
		// delivery reports and tracking events bring it back
		InfobipMessageHeaders.of(message).callbackData(CALLBACK_DATA_PREFIX + id);
	}

	record PlacedOrder(String orderId, String confirmationId) {
	}

	/**
	 * An order, and what the outbox's ledger knows of its confirmation (none once the
	 * ledger's retention deleted it).
	 */
	record OrderView(String id, String reference, String customer, String item, int quantity, Instant createdAt,
			String confirmationId, @Nullable InfobipOutboxEntry confirmation) {

		OrderView withConfirmation(@Nullable InfobipOutboxEntry confirmation) {
			return new OrderView(this.id, this.reference, this.customer, this.item, this.quantity, this.createdAt,
					this.confirmationId, confirmation);
		}

	}

	/**
	 * An order had the reference already; the transaction was rolled back, with the
	 * confirmation it had enqueued.
	 */
	static class DuplicateOrderException extends RuntimeException {

		private final String reference;

		private final String confirmationId;

		DuplicateOrderException(String reference, String confirmationId) {
			super("An order with reference " + reference + " exists");
			this.reference = reference;
			this.confirmationId = confirmationId;
		}

		String reference() {
			return this.reference;
		}

		String confirmationId() {
			return this.confirmationId;
		}

	}

}

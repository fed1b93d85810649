/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.util.regex.Pattern;

import com.infobip.smtp.sample.Orders.DuplicateOrderException;
import com.infobip.smtp.sample.Orders.OrderView;
import com.infobip.smtp.sample.Orders.PlacedOrder;
import jakarta.mail.internet.InternetAddress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /orders} with {@code {"reference": ..., "to": ..., "item": ..., "quantity":
 * ...}} commits an order with its confirmation mail enqueued, and answers their ids;
 * {@code GET /orders/{id}} answers the order with what the outbox's ledger knows of its
 * confirmation. Bad input is answered 400, a reference already used 409.
 * {@link SendAccess} decides who may call.
 */
@RestController
class OrderController {

	private static final Log logger = LogFactory.getLog(OrderController.class);

	private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MAX_QUANTITY = 99;

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	@PostMapping("/orders")
	@ResponseStatus(HttpStatus.CREATED)
	PlacedOrder place(@RequestBody OrderRequest request) {
		String reference = reference(request.reference());
		InternetAddress to = Input.recipient(request.to());
		String item = Input.line("item", request.item(), 200);
		int quantity = quantity(request.quantity());
		PlacedOrder placed = this.orders.place(reference, to, item, quantity);
		logger.info("Order " + reference + " committed as " + placed.orderId()
				+ ", its confirmation enqueued as outbox entry " + placed.confirmationId());
		return placed;
	}

	@GetMapping("/orders/{id}")
	OrderView find(@PathVariable String id) {
		return this.orders.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such order"));
	}

	@ExceptionHandler
	ProblemDetail duplicate(DuplicateOrderException ex) {
		logger.info("Order " + ex.reference() + " refused, the reference is taken: rolled back with its confirmation"
				+ " (outbox entry " + ex.confirmationId() + "), which is never sent");
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static String reference(@Nullable String reference) {
		if (reference == null || reference.isBlank()) {
			throw Input.badRequest("reference is required");
		}
		if (!REFERENCE.matcher(reference).matches()) {
			throw Input.badRequest("reference must be 1 to 64 letters, digits, '.', '_' or '-'");
		}
		return reference;
	}

	private static int quantity(@Nullable Integer quantity) {
		if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
			throw Input.badRequest("quantity must be 1 to " + MAX_QUANTITY);
		}
		return quantity;
	}

	record OrderRequest(@Nullable String reference, @Nullable String to, @Nullable String item,
			@Nullable Integer quantity) {
	}

}

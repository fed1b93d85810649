/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.outbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.infobip.smtp.InfobipMailSender;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An instance with the outbox, run in a child JVM by
 * {@link AbstractOutboxProcessKillTests}: it enqueues messages {@code o-0} to
 * {@code o-<count - 1>} in one transaction and dispatches them until it is killed.
 * Arguments: the JDBC URL, the relay's port, the number of messages, and the location of
 * the certificate of the CA that issued the relay's (the parent's test CA: this JVM would
 * make its own), then more properties of the application.
 */
final class OutboxWorkerMain {

	private OutboxWorkerMain() {
	}

	public static void main(String[] args) throws Exception {
		String jdbcUrl = args[0];
		int relayPort = Integer.parseInt(args[1]);
		int count = Integer.parseInt(args[2]);
		List<String> properties = new ArrayList<>(
				List.of("spring.ssl.bundle.pem.test-relay.truststore.certificate=" + args[3]));
		properties.addAll(Arrays.asList(args).subList(4, args.length));
		ConfigurableApplicationContext context = OutboxApplications
			.start(OutboxApplications.properties(jdbcUrl, relayPort, properties.toArray(String[]::new)));
		InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
		InfobipMailSender sender = context.getBean(InfobipMailSender.class);
		TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		// in one transaction, so that the dispatch starts once all are enqueued
		transactions.executeWithoutResult((status) -> {
			for (int i = 0; i < count; i++) {
				try {
					outbox.enqueue(OutboxApplications.message(sender, "o-" + i));
				}
				catch (jakarta.mail.MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}
		});
		System.out.println("enqueued " + count);
		// dispatches until the parent kills this JVM
		Thread.currentThread().join();
	}

}

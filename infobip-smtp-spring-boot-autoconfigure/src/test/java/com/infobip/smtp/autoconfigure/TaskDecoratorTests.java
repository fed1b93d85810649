/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.InfobipMessagePostProcessor;
import com.infobip.smtp.observation.InfobipSendContext;
import com.infobip.smtp.outbox.InfobipMailOutbox;
import com.infobip.smtp.outbox.InfobipOutboxEntry;
import com.infobip.smtp.outbox.InfobipOutboxStatus;
import com.infobip.smtp.testsupport.OutboxContexts;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter's threads come from Spring Boot's task builders, so the application's
 * {@link TaskDecorator} beans apply to them: one that carries the caller's MDC reaches
 * sendAsync and the helpers of a batch, and the outbox's sends run inside the decorators,
 * without the context of the request that enqueued them.
 * {@code TaskDecoratorVirtualThreadTests} runs the same on virtual threads.
 */
class TaskDecoratorTests {

	static final String REQUEST = "request";

	@Test
	void taskDecoratorBeanCarriesTheCallersMdcIntoSendAsync() {
		sendAsyncSeesTheCallersMdc(SenderContextRunners.withMetrics(),
				(thread) -> thread.getName().startsWith("infobip-smtp-"));
	}

	@Test
	void taskDecoratorBeanCarriesTheCallersMdcIntoEveryMessageOfABatch() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			withDecorator(SenderContextRunners.withMetrics(), relay)
				.withPropertyValues("infobip.smtp.pool.max-connections=4")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					List<MimeMessage> batch = new ArrayList<>();
					for (int i = 0; i < 8; i++) {
						batch.add(message(sender, "user" + i + "@example.com"));
					}
					MDC.put(REQUEST, "batch-1");
					try {
						assertThat(sender.sendBatch(batch).isAllSent()).isTrue();
					}
					finally {
						MDC.remove(REQUEST);
					}
					assertThat(context.getBean(MdcRecorder.class).seen).hasSize(8)
						.allSatisfy(
								(seen) -> assertThat(seen.request()).as(seen.thread().getName()).isEqualTo("batch-1"));
				});
		}
	}

	@Test
	void queuedSendAsyncSeesItsOwnCallersMdcNotTheOneOfTheSendBeforeIt() {
		// one connection: the second and third sends wait in the queue while the
		// first is at the relay
		try (SmtpTestRelay relay = TestRelays.start().dataDelay(Duration.ofMillis(300))) {
			withDecorator(SenderContextRunners.withMetrics(), relay)
				.withPropertyValues("infobip.smtp.pool.max-connections=1")
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					List<CompletableFuture<?>> sends = new ArrayList<>();
					for (String request : List.of("r-a", "r-b", "r-c")) {
						MDC.put(REQUEST, request);
						try {
							sends.add(sender.sendAsync(message(sender, request + "@example.com")));
						}
						finally {
							MDC.remove(REQUEST);
						}
					}
					assertThat(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)))
						.succeedsWithin(Duration.ofSeconds(10));
					assertThat(context.getBean(MdcRecorder.class).seen).extracting(Seen::request)
						.containsExactly("r-a", "r-b", "r-c");
				});
		}
	}

	@Test
	void severalTaskDecoratorBeansAllApply() {
		try (SmtpTestRelay relay = TestRelays.start()) {
			withDecorator(SenderContextRunners.withMetrics(), relay)
				.withBean("tenantTaskDecorator", TaskDecorator.class, TaskDecoratorTests::tenantDecorator)
				.run((context) -> {
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					MDC.put(REQUEST, "r-2");
					try {
						sender.sendAsync(message(sender, "user@example.com")).get();
					}
					finally {
						MDC.remove(REQUEST);
					}
					assertThat(context.getBean(MdcRecorder.class).seen).singleElement().satisfies((seen) -> {
						assertThat(seen.request()).isEqualTo("r-2");
						assertThat(seen.tenant()).isEqualTo("acme");
					});
				});
		}
	}

	@Test
	void taskDecoratorBeanWrapsTheOutboxsSendsWithoutTheContextOfTheRequestThatEnqueued() {
		outboxSendsAreDecorated(OutboxContexts.withOutbox(),
				(thread) -> thread.getName().startsWith("infobip-smtp-outbox-"));
	}

	static void outboxSendsAreDecorated(ApplicationContextRunner contextRunner, Predicate<Thread> sendThread) {
		try (SmtpTestRelay relay = TestRelays.start()) {
			withDecorator(contextRunner, relay)
				.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
				.withBean("tenantTaskDecorator", TaskDecorator.class, TaskDecoratorTests::tenantDecorator)
				.run((context) -> {
					List<Seen> sends = new CopyOnWriteArrayList<>();
					context.getBean(ObservationRegistry.class)
						.observationConfig()
						.observationHandler(new ObservationHandler<InfobipSendContext>() {

							@Override
							public void onStart(InfobipSendContext send) {
								sends.add(new Seen(Thread.currentThread(), MDC.get(REQUEST), MDC.get("tenant")));
							}

							@Override
							public boolean supportsContext(Observation.Context send) {
								return send instanceof InfobipSendContext;
							}

						});
					InfobipMailSender sender = context.getBean(InfobipMailSender.class);
					InfobipMailOutbox outbox = context.getBean(InfobipMailOutbox.class);
					String id;
					MDC.put(REQUEST, "r-3");
					try {
						id = outbox.enqueue(message(sender, "user@example.com"));
					}
					finally {
						MDC.remove(REQUEST);
					}
					await().atMost(Duration.ofSeconds(10))
						.until(() -> outbox.find(id).map(InfobipOutboxEntry::status).orElse(null),
								(status) -> status == InfobipOutboxStatus.SENT);
					assertThat(sends).singleElement().satisfies((send) -> {
						assertThat(send.thread()).matches(sendThread);
						assertThat(send.tenant()).as("set by the decorator around the send").isEqualTo("acme");
						// sent apart from the request, and maybe in one batch with
						// entries of other requests: none of its context
						assertThat(send.request()).as("the enqueuing request's id").isNull();
					});
				});
		}
	}

	static void sendAsyncSeesTheCallersMdc(ApplicationContextRunner contextRunner, Predicate<Thread> sendThread) {
		try (SmtpTestRelay relay = TestRelays.start()) {
			withDecorator(contextRunner, relay).run((context) -> {
				InfobipMailSender sender = context.getBean(InfobipMailSender.class);
				MDC.put(REQUEST, "r-1");
				try {
					assertThat(sender.sendAsync(message(sender, "user@example.com")))
						.succeedsWithin(Duration.ofSeconds(10));
				}
				finally {
					MDC.remove(REQUEST);
				}
				assertThat(context.getBean(MdcRecorder.class).seen).singleElement().satisfies((seen) -> {
					assertThat(seen.thread()).matches(sendThread);
					assertThat(seen.request()).isEqualTo("r-1");
				});
			});
		}
	}

	static ApplicationContextRunner withDecorator(ApplicationContextRunner contextRunner, SmtpTestRelay relay) {
		return contextRunner.withBean(MdcRecorder.class)
			.withBean("mdcTaskDecorator", TaskDecorator.class, TaskDecoratorTests::mdcDecorator)
			.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"));
	}

	/**
	 * Carry the submitting thread's request id into the task, as applications do.
	 */
	static TaskDecorator mdcDecorator() {
		return (task) -> {
			String request = MDC.get(REQUEST);
			return () -> {
				String previous = MDC.get(REQUEST);
				MDC.put(REQUEST, request);
				try {
					task.run();
				}
				finally {
					MDC.put(REQUEST, previous);
				}
			};
		};
	}

	/**
	 * Set a fixed MDC value while the task runs.
	 */
	static TaskDecorator tenantDecorator() {
		return (task) -> () -> {
			MDC.put("tenant", "acme");
			try {
				task.run();
			}
			finally {
				MDC.remove("tenant");
			}
		};
	}

	static MimeMessage message(InfobipMailSender sender, String to) throws Exception {
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
		helper.setFrom("shop@example.com");
		helper.setTo(to);
		helper.setSubject("Your order");
		helper.setText("Thanks for your order.");
		return message;
	}

	/**
	 * Records, in the thread that sends each message, the MDC it sees.
	 */
	static class MdcRecorder implements InfobipMessagePostProcessor {

		final List<Seen> seen = new CopyOnWriteArrayList<>();

		@Override
		public void postProcess(MimeMessage message) {
			this.seen.add(new Seen(Thread.currentThread(), MDC.get(REQUEST), MDC.get("tenant")));
		}

	}

	record Seen(Thread thread, @Nullable String request, @Nullable String tenant) {
	}

}

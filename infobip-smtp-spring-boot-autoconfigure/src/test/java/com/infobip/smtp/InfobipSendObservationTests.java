/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.infobip.smtp.observation.InfobipSendContext;
import com.infobip.smtp.test.relay.SmtpTestRelay;
import com.infobip.smtp.testsupport.SenderContextRunners;
import com.infobip.smtp.testsupport.TestMessages;
import com.infobip.smtp.testsupport.TestRelayProperties;
import com.infobip.smtp.testsupport.TestRelays;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every send is observed as a client call to the relay, inside the caller's trace also
 * when it runs on the sender's threads, and tracing never writes into the message.
 */
class InfobipSendObservationTests {

	private static SmtpTestRelay relay;

	@BeforeAll
	static void startRelay() {
		relay = TestRelays.start();
	}

	@AfterAll
	static void stopRelay() {
		relay.close();
	}

	@Test
	void sendIsAClientCallToTheRelayAsARemoteService() {
		run((sender, context, observed) -> {
			sender.send(TestMessages.plainText("user@example.com"));
			InfobipSendContext send = observed.get(0);
			assertThat(send).isInstanceOf(SenderContext.class);
			assertThat(send.getKind()).isEqualTo(Kind.CLIENT);
			assertThat(send.getRemoteServiceName()).isEqualTo("infobip-smtp");
			assertThat(send.getRemoteServiceAddress()).isEqualTo("smtp://localhost:" + relay.getPort());
			assertThat(context.getBean(MeterRegistry.class)
				.get("infobip.smtp.send")
				.tag("server.address", "localhost")
				.tag("server.port", String.valueOf(relay.getPort()))
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void traceContextIsNeverWrittenIntoTheMessage() {
		run((sender, context, observed) -> {
			// what a propagating tracing handler does with a sender context
			context.getBean(ObservationRegistry.class)
				.observationConfig()
				.observationHandler(new ObservationHandler<InfobipSendContext>() {

					@Override
					public void onStart(InfobipSendContext send) {
						send.getSetter().set(send.getCarrier(), "traceparent", "00-trace-span-01");
					}

					@Override
					public boolean supportsContext(Observation.Context send) {
						return send instanceof InfobipSendContext;
					}

				});
			int before = relay.getMessages().size();
			sender.send(TestMessages.plainText("user@example.com"));
			assertThat(relay.getMessages().get(before).text()).doesNotContainIgnoringCase("traceparent");
		});
	}

	@Test
	void asyncSendIsPartOfTheCallersObservation() {
		run((sender, context, observed) -> {
			Observation request = Observation.start("request", context.getBean(ObservationRegistry.class));
			try (Observation.Scope scope = request.openScope()) {
				sender.sendAsync(TestMessages.plainText("user@example.com")).join();
			}
			request.stop();
			assertThat(observed).singleElement()
				.satisfies((send) -> assertThat(send.getParentObservation()).isSameAs(request));
		});
	}

	@Test
	void everyMessageOfABatchIsPartOfTheCallersObservation() {
		run((sender, context, observed) -> {
			Observation request = Observation.start("request", context.getBean(ObservationRegistry.class));
			try (Observation.Scope scope = request.openScope()) {
				sender.sendBatch(List.of(TestMessages.plainTextMime(sender, "a@example.com"),
						TestMessages.plainTextMime(sender, "b@example.com"),
						TestMessages.plainTextMime(sender, "c@example.com"),
						TestMessages.plainTextMime(sender, "d@example.com")));
			}
			request.stop();
			assertThat(observed).hasSize(4)
				.allSatisfy((send) -> assertThat(send.getParentObservation()).isSameAs(request));
		});
	}

	private void run(ObservedTest test) {
		SenderContextRunners.withMetrics()
			.withPropertyValues(TestRelayProperties.relay(relay.getPort(), "STARTTLS"))
			.run((context) -> {
				List<InfobipSendContext> observed = new CopyOnWriteArrayList<>();
				context.getBean(ObservationRegistry.class)
					.observationConfig()
					.observationHandler(new ObservationHandler<InfobipSendContext>() {

						@Override
						public void onStop(InfobipSendContext send) {
							observed.add(send);
						}

						@Override
						public boolean supportsContext(Observation.Context send) {
							return send instanceof InfobipSendContext;
						}

					});
				test.run(context.getBean(InfobipMailSender.class), context, observed);
			});
	}

	@FunctionalInterface
	interface ObservedTest {

		void run(InfobipMailSender sender, AssertableApplicationContext context, List<InfobipSendContext> observed)
				throws Exception;

	}

}

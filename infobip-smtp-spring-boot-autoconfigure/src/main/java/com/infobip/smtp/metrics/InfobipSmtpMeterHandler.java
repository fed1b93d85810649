/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.infobip.smtp.RefusedRecipient;
import com.infobip.smtp.observation.InfobipSendContext;
import com.infobip.smtp.SendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records, for every observed send, its envelope recipients in
 * {@value #RECIPIENTS_METER_NAME} (tags {@code outcome}, {@code region}; a recipient the
 * relay refused while it took the message for others counts as {@code rejected}, or
 * {@code failed} for a 4xx reply) and its retries in {@value #RETRIES_METER_NAME} (tags
 * {@code cause}, {@code region}). The send timer itself comes from the observation.
 *
 * @since 0.1.0
 */
public class InfobipSmtpMeterHandler implements ObservationHandler<InfobipSendContext> {

	/** Name of the recipients counter. */
	public static final String RECIPIENTS_METER_NAME = "infobip.smtp.recipients";

	/** Name of the retries counter. */
	public static final String RETRIES_METER_NAME = "infobip.smtp.retries";

	private final MeterRegistry registry;

	// registered once for each set of tags, not looked up again on every send
	private final Map<CounterKey, Counter> recipientCounters = new ConcurrentHashMap<>();

	private final Map<CounterKey, Counter> retryCounters = new ConcurrentHashMap<>();

	/**
	 * Create a handler that records into the given registry.
	 * @param registry the registry
	 */
	public InfobipSmtpMeterHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onStop(InfobipSendContext context) {
		// recipients the relay refused while it took the message for the others count
		// as rejected (5xx) or failed (4xx), the others by the outcome of the send
		List<RefusedRecipient> refused = context.getRefusedRecipients();
		int others = context.getRecipientCount() - refused.size();
		if (others > 0) {
			recipients(context.getOutcome(), context.getRegion()).increment(others);
		}
		for (RefusedRecipient recipient : refused) {
			SendOutcome outcome = recipient.reply().isPermanent() ? SendOutcome.REJECTED : SendOutcome.FAILED;
			recipients(outcome, context.getRegion()).increment();
		}
		for (String cause : context.getRetryCauses()) {
			this.retryCounters
				.computeIfAbsent(new CounterKey(cause, context.getRegion()),
						(key) -> Counter.builder(RETRIES_METER_NAME)
							.description("Messages offered to the Infobip SMTP relay again, by cause")
							.tag("cause", key.tag())
							.tag("region", key.region())
							.register(this.registry))
				.increment();
		}
	}

	private Counter recipients(SendOutcome outcome, String region) {
		return this.recipientCounters.computeIfAbsent(new CounterKey(outcome.tagValue(), region),
				(key) -> Counter.builder(RECIPIENTS_METER_NAME)
					.description("Envelope recipients of messages sent through the Infobip SMTP relay")
					.baseUnit("recipients")
					.tag("outcome", key.tag())
					.tag("region", key.region())
					.register(this.registry));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof InfobipSendContext;
	}

	private record CounterKey(String tag, String region) {

	}

}

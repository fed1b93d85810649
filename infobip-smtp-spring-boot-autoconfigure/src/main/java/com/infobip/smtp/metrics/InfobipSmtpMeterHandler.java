/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.metrics;

import com.infobip.smtp.observation.InfobipSendContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records, for every observed send, its envelope recipients in
 * {@value #RECIPIENTS_METER_NAME} (tags {@code outcome}, {@code region}) and its retries
 * in {@value #RETRIES_METER_NAME} (tags {@code cause}, {@code region}). The send timer
 * itself comes from the observation.
 *
 * @since 0.1.0
 */
public class InfobipSmtpMeterHandler implements ObservationHandler<InfobipSendContext> {

	/** Name of the recipients counter. */
	public static final String RECIPIENTS_METER_NAME = "infobip.smtp.recipients";

	/** Name of the retries counter. */
	public static final String RETRIES_METER_NAME = "infobip.smtp.retries";

	private final MeterRegistry registry;

	/**
	 * Create a handler that records into the given registry.
	 * @param registry the registry
	 */
	public InfobipSmtpMeterHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onStop(InfobipSendContext context) {
		if (context.getRecipientCount() > 0) {
			Counter.builder(RECIPIENTS_METER_NAME)
				.description("Envelope recipients of messages sent through the Infobip SMTP relay")
				.baseUnit("recipients")
				.tag("outcome", context.getOutcome().tagValue())
				.tag("region", context.getRegion())
				.register(this.registry)
				.increment(context.getRecipientCount());
		}
		for (String cause : context.getRetryCauses()) {
			Counter.builder(RETRIES_METER_NAME)
				.description("Messages offered to the Infobip SMTP relay again, by cause")
				.tag("cause", cause)
				.tag("region", context.getRegion())
				.register(this.registry)
				.increment();
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof InfobipSendContext;
	}

}

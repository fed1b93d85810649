/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.infobip.smtp.SendOutcome;
import com.infobip.smtp.observation.InfobipSendObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * Default convention: observation (and timer) {@value #NAME} with the low-cardinality
 * tags {@code outcome}, {@code region}, {@code server.address} and {@code server.port},
 * as {@link InfobipSendObservationDocumentation#SEND} documents them.
 *
 * @since 0.1.0
 */
public class DefaultInfobipSendObservationConvention implements InfobipSendObservationConvention {

	/** Name of the observation, and so of the timer. */
	public static final String NAME = "infobip.smtp.send";

	/** Shared instance. */
	public static final DefaultInfobipSendObservationConvention INSTANCE = new DefaultInfobipSendObservationConvention();

	private final Map<Tags, KeyValues> lowCardinalityKeyValues = new ConcurrentHashMap<>();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(InfobipSendContext context) {
		return "infobip smtp send";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(InfobipSendContext context) {
		// asked for twice per send (start and stop), always for one of a few relays and
		// outcomes: built once for each
		return this.lowCardinalityKeyValues.computeIfAbsent(
				new Tags(context.getOutcome(), context.getRegion(), context.getServerAddress(),
						context.getServerPort()),
				(tags) -> KeyValues.of(LowCardinalityKeyNames.OUTCOME.withValue(tags.outcome().tagValue()),
						LowCardinalityKeyNames.REGION.withValue(tags.region()),
						LowCardinalityKeyNames.SERVER_ADDRESS.withValue(tags.serverAddress()),
						LowCardinalityKeyNames.SERVER_PORT.withValue(String.valueOf(tags.serverPort()))));
	}

	private record Tags(SendOutcome outcome, String region, String serverAddress, int serverPort) {

	}

}

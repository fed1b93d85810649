/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

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
		return KeyValues.of(LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().tagValue()),
				LowCardinalityKeyNames.REGION.withValue(context.getRegion()),
				LowCardinalityKeyNames.SERVER_ADDRESS.withValue(context.getServerAddress()),
				LowCardinalityKeyNames.SERVER_PORT.withValue(String.valueOf(context.getServerPort())));
	}

}

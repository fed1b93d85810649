/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Convention for the observation of a send; declare a bean of this type to change the
 * name or the tags.
 *
 * @since 0.1.0
 */
public interface InfobipSendObservationConvention extends ObservationConvention<InfobipSendContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof InfobipSendContext;
	}

}

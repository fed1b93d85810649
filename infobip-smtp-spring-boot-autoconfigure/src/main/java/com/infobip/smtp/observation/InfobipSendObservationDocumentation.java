/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the starter makes.
 *
 * @since 0.1.0
 */
public enum InfobipSendObservationDocumentation implements ObservationDocumentation {

	/**
	 * One message offered to the Infobip SMTP relay, from the checks before any
	 * connection to the relay's answer, retries included. A client call to a remote
	 * service: with tracing, a span whose remote service is the relay.
	 */
	SEND {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultInfobipSendObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of {@link #SEND}; each becomes a tag of the
	 * {@code infobip.smtp.send} timer.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * What became of the message: success, rejected (a 5xx reply, refused AUTH
		 * included), failed (no connection, a TLS failure, or a 4xx reply after the last
		 * attempt), invalid (refused before any connection) or unknown (the connection
		 * was lost after the end of the data).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * Infobip region whose relay is used, or custom for another host.
		 */
		REGION {

			@Override
			public String asString() {
				return "region";
			}

		},

		/**
		 * Host name of the relay.
		 */
		SERVER_ADDRESS {

			@Override
			public String asString() {
				return "server.address";
			}

		},

		/**
		 * Port of the relay.
		 */
		SERVER_PORT {

			@Override
			public String asString() {
				return "server.port";
			}

		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

/**
 * Thrown when a value for an Infobip header must not be sent: it spans several lines, or
 * it is not a URL, content type or flag Infobip accepts.
 *
 * @since 0.1.0
 */
public class InvalidHeaderException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String headerName;

	/**
	 * Create an exception for the named header.
	 * @param headerName the header whose value was refused
	 * @param problem what is wrong with the value
	 */
	public InvalidHeaderException(String headerName, String problem) {
		super("Header " + headerName + " " + problem);
		this.headerName = headerName;
	}

	/**
	 * Return the name of the header whose value was refused.
	 * @return the header name
	 */
	public String getHeaderName() {
		return this.headerName;
	}

}

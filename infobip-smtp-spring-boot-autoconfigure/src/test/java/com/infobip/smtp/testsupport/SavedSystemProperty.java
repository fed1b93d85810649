/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.testsupport;

import org.jspecify.annotations.Nullable;

/**
 * A system property's value before a test changed it, put back after the test.
 */
public final class SavedSystemProperty {

	private final String name;

	private final @Nullable String value;

	private SavedSystemProperty(String name, @Nullable String value) {
		this.name = name;
		this.value = value;
	}

	/**
	 * Remember the property's value, or that it was not set.
	 * @param name the property
	 * @return what to restore
	 */
	public static SavedSystemProperty save(String name) {
		return new SavedSystemProperty(name, System.getProperty(name));
	}

	/**
	 * Set the property back to the value remembered, or clear it.
	 */
	public void restore() {
		if (this.value != null) {
			System.setProperty(this.name, this.value);
		}
		else {
			System.clearProperty(this.name);
		}
	}

}

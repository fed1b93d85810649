/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

/**
 * Settings of the executor behind sendAsync and batch sends.
 *
 * @since 0.1.0
 */
public class InfobipSmtpAsyncProperties {

	/**
	 * Most sendAsync calls queued, in order, while pool.max-connections sends run; beyond
	 * it, the returned future fails at once. The same with platform threads and with
	 * virtual threads (spring.threads.virtual.enabled).
	 */
	private int queueCapacity = 10000;

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

}

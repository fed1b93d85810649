/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.util.Locale;

/**
 * What one run measured: messages per second, CPU milliseconds per message of the sending
 * threads and of the whole sending JVM.
 */
record Result(double rate, double threadCpuMillis, double processCpuMillis) {

	Result plus(Result other) {
		return new Result(this.rate + other.rate, this.threadCpuMillis + other.threadCpuMillis,
				this.processCpuMillis + other.processCpuMillis);
	}

	Result divide(int n) {
		return new Result(this.rate / n, this.threadCpuMillis / n, this.processCpuMillis / n);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%.1f msg/s, %.3f thread CPU ms/msg, %.3f process CPU ms/msg", this.rate,
				this.threadCpuMillis, this.processCpuMillis);
	}

}

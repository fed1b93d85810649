/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What one run measured: messages per second, CPU milliseconds per message of the sending
 * threads and of the whole sending JVM.
 */
record Result(double rate, double threadCpuMillis, double processCpuMillis) {

	/**
	 * Return the mean of each figure over the rounds.
	 */
	static Result mean(List<Result> rounds) {
		return new Result(reduce(rounds, Result::rate, false), reduce(rounds, Result::threadCpuMillis, false),
				reduce(rounds, Result::processCpuMillis, false));
	}

	/**
	 * Return the median of each figure over the rounds, each taken on its own: one slow
	 * round moves it less than the mean.
	 */
	static Result median(List<Result> rounds) {
		return new Result(reduce(rounds, Result::rate, true), reduce(rounds, Result::threadCpuMillis, true),
				reduce(rounds, Result::processCpuMillis, true));
	}

	/**
	 * Return the median of the values (the mean of the middle two for an even number).
	 */
	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double reduce(List<Result> rounds, ToDoubleFunction<Result> figure, boolean median) {
		double[] values = rounds.stream().mapToDouble(figure).toArray();
		return median ? median(values) : Arrays.stream(values).average().orElse(Double.NaN);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%.1f msg/s, %.3f thread CPU ms/msg, %.3f process CPU ms/msg", this.rate,
				this.threadCpuMillis, this.processCpuMillis);
	}

}

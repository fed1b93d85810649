/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredUrlsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "https://shop.example.com/dlr | https://shop.example.com/dlr",
			"https://shop.example.com/dlr? | https://shop.example.com/dlr?",
			"https://shop.example.com/dlr?token=s3cret | https://shop.example.com/dlr?token=******",
			"https://shop.example.com/dlr?a=1&token=s3cret&flag | https://shop.example.com/dlr?a=******&token=******&******",
			"https://shop.example.com/dlr#s3cret | https://shop.example.com/dlr#******",
			"https://user:s3cret@shop.example.com:8443/dlr | https://******@shop.example.com:8443/dlr",
			"https://user:s3cret@shop.example.com | https://******@shop.example.com",
			"https://u@x:s3cret@shop.example.com/a | https://******@shop.example.com/a",
			"user:s3cret@shop.example.com/dlr | ******@shop.example.com/dlr",
			"https://shop.example.com/a@b?c=d@e | https://shop.example.com/a@b?c=******",
			"://shop.example.com/t?s3cret | ://shop.example.com/t?******" })
	void maskHidesQueryValuesFragmentAndUserInfo(String url, String masked) {
		assertThat(ConfiguredUrls.mask(url)).isEqualTo(masked);
	}

}

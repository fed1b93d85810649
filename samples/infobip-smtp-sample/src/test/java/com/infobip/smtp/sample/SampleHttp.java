/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts JSON to the running sample over real HTTP, on loopback.
 */
final class SampleHttp {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	SampleHttp(int port) {
		this.port = port;
	}

	/**
	 * POST a JSON body.
	 * @param path the path, with its query if any
	 * @param json the body
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.builder().build().readTree(response.body());
	}

}

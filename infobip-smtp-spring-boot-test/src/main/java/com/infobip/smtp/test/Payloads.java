/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test;

import java.util.List;
import java.util.Map;

/**
 * Writes the report trees of {@link DeliveryReportSimulator} as JSON or XML, leaving out
 * {@code null} values as Infobip leaves out absent ids.
 */
final class Payloads {

	private Payloads() {
	}

	static String json(Object value) {
		StringBuilder out = new StringBuilder();
		json(value, out);
		return out.toString();
	}

	private static void json(Object value, StringBuilder out) {
		if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (entry.getValue() == null) {
					continue;
				}
				if (!first) {
					out.append(',');
				}
				first = false;
				string(entry.getKey().toString(), out);
				out.append(':');
				json(entry.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				json(list.get(i), out);
			}
			out.append(']');
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			string(value.toString(), out);
		}
	}

	private static void string(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	static String xml(String name, Object value) {
		StringBuilder out = new StringBuilder();
		xml(name, value, out);
		return out.toString();
	}

	private static void xml(String name, Object value, StringBuilder out) {
		if (value instanceof List<?> list) {
			// repeated elements of the same name
			for (Object item : list) {
				xml(name, item, out);
			}
			return;
		}
		out.append('<').append(name).append('>');
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (entry.getValue() != null) {
					xml(entry.getKey().toString(), entry.getValue(), out);
				}
			}
		}
		else {
			String text = value.toString();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				switch (c) {
					case '<' -> out.append("&lt;");
					case '>' -> out.append("&gt;");
					case '&' -> out.append("&amp;");
					case '"' -> out.append("&quot;");
					default -> out.append(c);
				}
			}
		}
		out.append("</").append(name).append('>');
	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON or XML webhook body into a plain tree of maps, lists and strings, so that
 * both content types are mapped by the same lenient code. Numbers keep every digit: they
 * are read as text, never through a double. XML is read with DTDs and external entities
 * disabled.
 */
final class WebhookPayloadReader {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
		.build();

	private WebhookPayloadReader() {
	}

	static Map<String, Object> read(byte[] body, boolean xml) {
		Object tree = xml ? readXml(body) : readJson(body);
		if (!(tree instanceof Map<?, ?> map)) {
			throw new MalformedPayloadException("body is not an object");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> object = (Map<String, Object>) map;
		return object;
	}

	private static Object readJson(byte[] body) {
		try {
			return toTree(JSON.readTree(body));
		}
		catch (JacksonException ex) {
			throw new MalformedPayloadException("body is not valid JSON");
		}
	}

	private static Object toTree(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				map.put(property.getKey(), toTree(property.getValue()));
			}
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>();
			node.values().forEach((element) -> list.add(toTree(element)));
			return list;
		}
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isBigDecimal()) {
			return node.decimalValue().toPlainString();
		}
		return node.asString();
	}

	private static Object readXml(byte[] body) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setExpandEntityReferences(false);
			factory.setXIncludeAware(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
			Object tree = toTree(root);
			return (tree instanceof Map) ? tree : Map.of();
		}
		catch (SAXException | IOException ex) {
			throw new MalformedPayloadException("body is not valid XML");
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object toTree(Element element) {
		Map<String, Object> children = new LinkedHashMap<>();
		boolean hasChildElements = false;
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element childElement) {
				hasChildElements = true;
				String name = childElement.getLocalName() != null ? childElement.getLocalName()
						: childElement.getTagName();
				Object value = toTree(childElement);
				Object existing = children.get(name);
				if (existing == null && !children.containsKey(name)) {
					children.put(name, value);
				}
				else if (existing instanceof RepeatedElements repeated) {
					repeated.add(value);
				}
				else {
					RepeatedElements repeated = new RepeatedElements();
					repeated.add(existing);
					repeated.add(value);
					children.put(name, repeated);
				}
			}
		}
		if (!hasChildElements) {
			String text = element.getTextContent().trim();
			return text.isEmpty() ? null : text;
		}
		return children;
	}

	/**
	 * Return the value as a list: a JSON array, a list of repeated XML elements, or the
	 * elements of an XML wrapper such as {@code <results><result/></results>}.
	 */
	static List<Object> list(Object value) {
		if (value instanceof List<?> list) {
			return new ArrayList<>(list);
		}
		if (value instanceof Map<?, ?> wrapper && wrapper.size() == 1) {
			Object only = wrapper.values().iterator().next();
			return (only instanceof List<?> list) ? new ArrayList<>(list) : List.of(only);
		}
		return (value != null) ? List.of(value) : List.of();
	}

	/**
	 * XML elements that appeared more than once under one parent.
	 */
	private static final class RepeatedElements extends ArrayList<Object> {

		private static final long serialVersionUID = 1L;

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON or XML webhook body into a plain tree of maps, lists and strings, so that
 * both content types are mapped by the same lenient code. Both are read as a stream into
 * a tree built without recursion, at most {@value #MAX_DEPTH} levels deep. A number is
 * kept as the text it was written as (never converted, so no digit is lost and no
 * exponent is expanded), at most {@value #MAX_NUMBER_LENGTH} characters long. A JSON
 * object with a key twice, at any depth, is refused rather than one of its values kept.
 * XML is read with DTDs and external entities disabled; elements repeated under one
 * parent become a list, which the mapper refuses where it expects a single value.
 */
final class WebhookPayloadReader {

	/**
	 * Deepest nesting read; Infobip's reports nest five levels.
	 */
	static final int MAX_DEPTH = 32;

	/**
	 * Longest JSON number read, in characters.
	 */
	static final int MAX_NUMBER_LENGTH = 64;

	static final String TOO_DEEP = "body is nested too deeply";

	static final String DUPLICATE_KEY = "body has a duplicate key";

	// Jackson's own limits back the checks below, which name the reason; property names
	// are not interned, as they come from outside
	private static final JsonFactory JSON = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(MAX_DEPTH + 1)
			.maxNumberLength(StreamReadConstraints.DEFAULT_MAX_NUM_LEN)
			.maxStringLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
			.maxNameLength(StreamReadConstraints.DEFAULT_MAX_NAME_LEN)
			.build())
		.disable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
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

	private static @Nullable Object readJson(byte[] body) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			Deque<Object> open = new ArrayDeque<>();
			Object root = null;
			JsonToken token = parser.nextToken();
			while (token != null) {
				Object value;
				switch (token) {
					case START_OBJECT, START_ARRAY -> {
						if (open.size() >= MAX_DEPTH) {
							throw new MalformedPayloadException(TOO_DEEP);
						}
						Object container = (token == JsonToken.START_OBJECT) ? new LinkedHashMap<String, Object>()
								: new ArrayList<Object>();
						add(open, parser.currentName(), container);
						open.push(container);
						value = container;
					}
					case END_OBJECT, END_ARRAY -> value = open.pop();
					case VALUE_STRING -> value = add(open, parser.currentName(), parser.getString());
					case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
						// the text as written, never toString of a parsed number
						if (parser.getStringLength() > MAX_NUMBER_LENGTH) {
							throw new MalformedPayloadException(
									"number longer than " + MAX_NUMBER_LENGTH + " characters");
						}
						value = add(open, parser.currentName(), parser.getString());
					}
					case VALUE_TRUE, VALUE_FALSE ->
						value = add(open, parser.currentName(), String.valueOf(token == JsonToken.VALUE_TRUE));
					case VALUE_NULL -> value = add(open, parser.currentName(), null);
					default -> value = open.peek();
				}
				token = parser.nextToken();
				if (open.isEmpty()) {
					if (token != null) {
						throw new MalformedPayloadException("body is not valid JSON");
					}
					root = value;
				}
			}
			return root;
		}
		catch (StreamConstraintsException ex) {
			throw new MalformedPayloadException("body exceeds a limit of the JSON reader");
		}
		catch (JacksonException ex) {
			throw new MalformedPayloadException("body is not valid JSON");
		}
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object add(Deque<Object> open, @Nullable String name, @Nullable Object value) {
		Object parent = open.peek();
		if (parent instanceof Map<?, ?> map && name != null) {
			if (map.containsKey(name)) {
				throw new MalformedPayloadException(DUPLICATE_KEY);
			}
			((Map<String, Object>) map).put(name, value);
		}
		else if (parent instanceof List<?> list) {
			((List<Object>) list).add(value);
		}
		return value;
	}

	private static @Nullable Object readXml(byte[] body) {
		TreeBuilder tree = new TreeBuilder();
		try {
			SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setXIncludeAware(false);
			SAXParser parser = factory.newSAXParser();
			parser.parse(new ByteArrayInputStream(body), tree);
		}
		catch (TooDeepException ex) {
			throw new MalformedPayloadException(TOO_DEEP);
		}
		catch (SAXException | IOException ex) {
			throw new MalformedPayloadException("body is not valid XML");
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
		return (tree.root instanceof Map) ? tree.root : Map.of();
	}

	/**
	 * Return whether the value is an XML element that appeared more than once under one
	 * parent.
	 */
	static boolean repeated(@Nullable Object value) {
		return value instanceof RepeatedElements;
	}

	/**
	 * Return the value as a list: a JSON array, a list of repeated XML elements, or the
	 * elements of an XML wrapper such as {@code <results><result/></results>}.
	 */
	static List<Object> list(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return new ArrayList<>(list);
		}
		if (value instanceof Map<?, ?> wrapper && wrapper.size() == 1) {
			Object only = wrapper.values().iterator().next();
			if (only instanceof List<?> list) {
				return new ArrayList<>(list);
			}
			value = only;
		}
		List<Object> single = new ArrayList<>(1);
		if (value != null) {
			single.add(value);
		}
		return single;
	}

	/**
	 * Builds the tree of an XML document from SAX events, with a stack instead of
	 * recursion. An element with child elements becomes a map (repeated children a list),
	 * one without its trimmed text, or {@code null} when that is empty.
	 */
	private static final class TreeBuilder extends DefaultHandler {

		private final Deque<Element> open = new ArrayDeque<>();

		private @Nullable Object root;

		@Override
		public void startElement(String uri, String localName, String qName, Attributes attributes)
				throws SAXException {
			if (this.open.size() >= MAX_DEPTH) {
				throw new TooDeepException();
			}
			Element parent = this.open.peek();
			if (parent != null) {
				parent.text = null;
			}
			this.open.push(new Element(qName));
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			Element element = this.open.peek();
			if (element != null && element.text != null) {
				element.text.append(ch, start, length);
			}
		}

		@Override
		public void endElement(String uri, String localName, String qName) {
			Element element = this.open.pop();
			Object value = element.value();
			Element parent = this.open.peek();
			if (parent == null) {
				this.root = value;
			}
			else {
				parent.add(element.name, value);
			}
		}

	}

	/**
	 * An XML element being read.
	 */
	private static final class Element {

		private final String name;

		private final Map<String, Object> children = new LinkedHashMap<>();

		// null once a child element was seen: text between children is ignored
		private @Nullable StringBuilder text = new StringBuilder();

		Element(String name) {
			this.name = name;
		}

		void add(String childName, @Nullable Object value) {
			Object existing = this.children.get(childName);
			if (existing == null && !this.children.containsKey(childName)) {
				this.children.put(childName, value);
			}
			else if (existing instanceof RepeatedElements repeated) {
				repeated.add(value);
			}
			else {
				RepeatedElements repeated = new RepeatedElements();
				repeated.add(existing);
				repeated.add(value);
				this.children.put(childName, repeated);
			}
		}

		@Nullable Object value() {
			if (this.text == null) {
				return this.children;
			}
			String trimmed = this.text.toString().trim();
			return trimmed.isEmpty() ? null : trimmed;
		}

	}

	/**
	 * XML elements that appeared more than once under one parent.
	 */
	private static final class RepeatedElements extends ArrayList<Object> {

		private static final long serialVersionUID = 1L;

	}

	/**
	 * Stops reading an XML document nested deeper than {@value #MAX_DEPTH} levels.
	 */
	private static final class TooDeepException extends SAXException {

		private static final long serialVersionUID = 1L;

	}

}

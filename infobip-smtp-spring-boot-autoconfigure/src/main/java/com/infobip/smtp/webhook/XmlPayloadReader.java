/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.infobip.smtp.webhook.WebhookPayloads.DeliveryReports;
import com.infobip.smtp.webhook.WebhookPayloads.Tracking;
import com.infobip.smtp.webhook.WebhookPayloads.XmlDeliveryReports;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.xml.XmlFactory;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlReadFeature;

/**
 * Reads XML with Jackson's XML module, which is optional: the only class that refers to
 * it. A document with a DTD is refused, and external entities are never resolved. The
 * document is read into a tree first, where Jackson turns elements repeated under one
 * parent into an array, and then bound: so a repeated element is refused where one value
 * is expected, while repeated elements of fields that are not read are ignored. An
 * element's children are one level deeper than the element, so that a document is at most
 * {@value #MAX_DEPTH} elements deep. Text is trimmed, and an element without text is
 * {@code null}.
 */
final class XmlPayloadReader extends WebhookPayloadReader {

	private static final XMLInputFactory INPUT = inputFactory();

	private static final XmlMapper MAPPER = XmlMapper.builder(XmlFactory.builder()
		.xmlInputFactory(INPUT)
		// the root element is an object, not a level of its own
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH - 1).build())
		.enable(XmlReadFeature.EMPTY_ELEMENT_AS_NULL)
		.build())
		.addHandler(new Lenient(true))
		.addModule(new SimpleModule("infobip-webhook-xml").addDeserializer(String.class, new TrimmedText()))
		// a single <result> is a list of one
		.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
		.disable(DeserializationFeature.WRAP_EXCEPTIONS)
		.build();

	@Override
	DeliveryReports deliveryReports(byte[] body) {
		return read(body, XmlDeliveryReports.class).unwrap();
	}

	@Override
	Tracking tracking(byte[] body) {
		return read(body, Tracking.class);
	}

	private static <T> T read(byte[] body, Class<T> type) {
		XMLStreamReader reader = null;
		JsonParser parser = null;
		try {
			reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
			// a DOCTYPE comes before the root element, if at all
			while (reader.next() != XMLStreamConstants.START_ELEMENT) {
				if (reader.getEventType() == XMLStreamConstants.DTD) {
					throw new MalformedPayloadException("body has a DTD");
				}
			}
			parser = MAPPER.createParser(reader);
			JsonNode tree = MAPPER.readTree(parser);
			return requireObject(MAPPER.treeToValue(tree, type));
		}
		catch (StreamConstraintsException ex) {
			throw new MalformedPayloadException((parser != null) ? exceeded(parser, "XML") : "body is not valid XML");
		}
		catch (XMLStreamException | IOException | JacksonException ex) {
			throw new MalformedPayloadException("body is not valid XML");
		}
		finally {
			close(parser, reader);
		}
	}

	private static void close(@Nullable JsonParser parser, @Nullable XMLStreamReader reader) {
		if (parser != null) {
			parser.close();
		}
		if (reader != null) {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// nothing held: the body is in memory
			}
		}
	}

	private static XMLInputFactory inputFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		// as Jackson's own factory: text split by CDATA sections is one value
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}

	/**
	 * Text trimmed, and {@code null} when nothing is left.
	 */
	private static final class TrimmedText extends StringDeserializer {

		@Override
		public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
			String text = super.deserialize(parser, context);
			if (text == null) {
				return null;
			}
			String trimmed = text.trim();
			return trimmed.isEmpty() ? null : trimmed;
		}

	}

}

/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.webhook;

import com.infobip.smtp.webhook.WebhookPayloads.DeliveryReports;
import com.infobip.smtp.webhook.WebhookPayloads.Tracking;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Reads a webhook body of one content type into the shapes of {@link WebhookPayloads}
 * with Jackson data binding, within bounds whatever the body: at most {@value #MAX_DEPTH}
 * levels deep, numbers of at most {@value #MAX_NUMBER_LENGTH} digits, kept as the text
 * they were written as. A JSON object with a key twice, at any depth, is refused rather
 * than one of its values kept. Binding is lenient: unknown fields are ignored, and a
 * value of a shape its field cannot take (an object where text is expected, text where an
 * object is) is {@code null} rather than a failure.
 */
abstract class WebhookPayloadReader {

	/**
	 * Deepest nesting read; Infobip's reports nest five levels.
	 */
	static final int MAX_DEPTH = 32;

	/**
	 * Most digits of a JSON number read.
	 */
	static final int MAX_NUMBER_LENGTH = 64;

	static final String TOO_DEEP = "body is nested too deeply";

	static final String DUPLICATE_KEY = "body has a duplicate key";

	private static final String XML_MAPPER = "tools.jackson.dataformat.xml.XmlMapper";

	/**
	 * Read a delivery-report body.
	 * @param body the body
	 * @return the body's reports
	 * @throws MalformedPayloadException if the body cannot be read, with a short reason
	 */
	abstract DeliveryReports deliveryReports(byte[] body);

	/**
	 * Read a tracking-notification body.
	 * @param body the body
	 * @return the notification
	 * @throws MalformedPayloadException if the body cannot be read, with a short reason
	 */
	abstract Tracking tracking(byte[] body);

	/**
	 * Return the reader of JSON bodies.
	 * @return the reader
	 */
	static WebhookPayloadReader json() {
		return Json.INSTANCE;
	}

	/**
	 * Return the reader of XML bodies, if jackson-dataformat-xml is on the class path.
	 * @param classLoader the class loader to look in
	 * @return the reader, or {@code null}
	 */
	static @Nullable WebhookPayloadReader xmlIfPresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(XML_MAPPER, classLoader) ? new XmlPayloadReader() : null;
	}

	static <T> T requireObject(@Nullable T value) {
		if (value == null) {
			throw new MalformedPayloadException("body is not an object");
		}
		return value;
	}

	/**
	 * Return the reason for a body that exceeds one of the parser's constraints.
	 */
	static String exceeded(JsonParser parser, String format) {
		return (parser.streamReadContext().getNestingDepth() > parser.streamReadConstraints().getMaxNestingDepth())
				? TOO_DEEP : "body exceeds a limit of the " + format + " reader";
	}

	/**
	 * Reads JSON, straight from the bytes into the payload's shape.
	 */
	private static final class Json extends WebhookPayloadReader {

		static final Json INSTANCE = new Json();

		// property names are not interned, as they come from outside
		private static final JsonMapper MAPPER = JsonMapper
			.builder(JsonFactory.builder()
				.streamReadConstraints(StreamReadConstraints.builder()
					.maxNestingDepth(MAX_DEPTH)
					.maxNumberLength(MAX_NUMBER_LENGTH)
					.build())
				.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				.disable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
				.build())
			.addHandler(new Lenient(false))
			// so that a MalformedPayloadException of the handler arrives as it is
			.disable(DeserializationFeature.WRAP_EXCEPTIONS)
			.build();

		@Override
		DeliveryReports deliveryReports(byte[] body) {
			return read(body, DeliveryReports.class);
		}

		@Override
		Tracking tracking(byte[] body) {
			return read(body, Tracking.class);
		}

		private static <T> T read(byte[] body, Class<T> type) {
			JsonParser parser = MAPPER.createParser(body);
			try (parser) {
				return requireObject(MAPPER.readValue(parser, type));
			}
			catch (StreamConstraintsException ex) {
				throw new MalformedPayloadException(exceeded(parser, "JSON"));
			}
			catch (JacksonException ex) {
				// Jackson names no type for it, only this message
				String message = ex.getOriginalMessage();
				throw new MalformedPayloadException((message != null && message.startsWith("Duplicate Object property"))
						? DUPLICATE_KEY : "body is not valid JSON");
			}
		}

	}

	/**
	 * Makes binding lenient: a value of a shape its field cannot take is {@code null}, so
	 * that a field Infobip reshapes does not make every report fail. XML has no arrays: a
	 * tree read from XML holds one where an element was repeated, which is refused where
	 * one value is expected, rather than one of the values picked.
	 */
	static final class Lenient extends DeserializationProblemHandler {

		private final boolean xml;

		Lenient(boolean xml) {
			this.xml = xml;
		}

		@Override
		public @Nullable Object handleUnexpectedToken(DeserializationContext context, JavaType targetType,
				JsonToken token, JsonParser parser, String failureMessage) {
			if (this.xml && token == JsonToken.START_ARRAY) {
				String name = parser.currentName();
				throw new MalformedPayloadException(
						(name != null) ? "element " + name + " is repeated" : "body has a repeated element");
			}
			parser.skipChildren();
			return null;
		}

		@Override
		public @Nullable Object handleMissingInstantiator(DeserializationContext context, Class<?> instanceClass,
				ValueInstantiator instantiator, JsonParser parser, String message) {
			parser.skipChildren();
			return null;
		}

	}

}

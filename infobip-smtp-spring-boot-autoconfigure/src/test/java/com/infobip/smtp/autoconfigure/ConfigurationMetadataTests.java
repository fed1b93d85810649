/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		Metadata metadata = read("META-INF/spring-configuration-metadata.json");
		assertThat(metadata.properties()).hasSizeGreaterThanOrEqualTo(25);
		assertThat(metadata.properties())
			.allSatisfy((property) -> assertThat(property.description()).as(property.name())
				.isNotBlank()
				.doesNotContain("{@")
				.doesNotContain("<"));
	}

	@Test
	void noDescriptionIsBrokenAtAHyphen() throws Exception {
		// a formatter that wraps a property name at its hyphen leaves "max- connections"
		Metadata metadata = read("META-INF/spring-configuration-metadata.json");
		assertThat(metadata.properties()).allSatisfy(
				(property) -> assertThat(property.description()).as(property.name()).doesNotContainPattern("\\w- \\w"));
	}

	@Test
	void urlPropertiesAreStringsDescribedAsAbsoluteHttpUrls() throws Exception {
		// bound as strings and parsed by the starter, so that a failure never shows the
		// token in the query
		Metadata metadata = read("META-INF/spring-configuration-metadata.json");
		assertThat(metadata.properties())
			.filteredOn((property) -> List
				.of("infobip.smtp.notify-url", "infobip.smtp.tracking-url", "infobip.smtp.webhook.public-base-url")
				.contains(property.name()))
			.hasSize(3)
			.allSatisfy((property) -> {
				assertThat(property.type()).as(property.name()).isEqualTo("java.lang.String");
				assertThat(property.description()).as(property.name()).contains("Absolute http or https URL");
			});
	}

	@Test
	void regionHasAHintForEveryRegion() throws Exception {
		Metadata metadata = read("META-INF/additional-spring-configuration-metadata.json");
		Hint region = metadata.hints()
			.stream()
			.filter((hint) -> hint.name().equals("infobip.smtp.region"))
			.findFirst()
			.orElseThrow();
		assertThat(region.values()).extracting((value) -> value.get("value"))
			.containsExactlyInAnyOrder(Stream.of(com.infobip.smtp.InfobipRegion.values()).map(Enum::name).toArray());
	}

	@Test
	void outboxInitializeSchemaHasAHintForEveryMode() throws Exception {
		Metadata metadata = read("META-INF/additional-spring-configuration-metadata.json");
		Hint initializeSchema = metadata.hints()
			.stream()
			.filter((hint) -> hint.name().equals("infobip.smtp.outbox.initialize-schema"))
			.findFirst()
			.orElseThrow();
		assertThat(initializeSchema.values()).extracting((value) -> value.get("value"))
			.containsExactlyInAnyOrder(Stream.of(InfobipSmtpOutboxProperties.SchemaInitialization.values())
				.map((mode) -> mode.name().toLowerCase(Locale.ROOT))
				.toArray());
		assertThat(initializeSchema.values()).allSatisfy(
				(value) -> assertThat((String) value.get("description")).as("%s", value.get("value")).isNotBlank());
	}

	@Test
	void everyHealthContributorHasItsToggleDescribed() throws Exception {
		Metadata metadata = read("META-INF/additional-spring-configuration-metadata.json");
		assertThat(metadata.properties()).extracting(Property::name)
			.contains("management.health.infobip-smtp.enabled", "management.health.infobip-smtp-outbox.enabled");
	}

	@Test
	void everyOutboxPropertyIsDescribed() throws Exception {
		Metadata metadata = read("META-INF/spring-configuration-metadata.json");
		assertThat(metadata.properties()).extracting(Property::name)
			.contains("infobip.smtp.outbox.enabled", "infobip.smtp.outbox.initialize-schema",
					"infobip.smtp.outbox.concurrency", "infobip.smtp.outbox.batch-size",
					"infobip.smtp.outbox.poll-interval", "infobip.smtp.outbox.claim-timeout",
					"infobip.smtp.outbox.max-attempts", "infobip.smtp.outbox.initial-backoff",
					"infobip.smtp.outbox.backoff-multiplier", "infobip.smtp.outbox.max-backoff",
					"infobip.smtp.outbox.retention", "infobip.smtp.outbox.health.max-pending-age");
	}

	@Test
	void everyWebhookPropertyIsDescribed() throws Exception {
		Metadata metadata = read("META-INF/spring-configuration-metadata.json");
		assertThat(metadata.properties()).extracting(Property::name)
			.contains("infobip.smtp.webhook.enabled", "infobip.smtp.webhook.path", "infobip.smtp.webhook.token",
					"infobip.smtp.webhook.username", "infobip.smtp.webhook.password",
					"infobip.smtp.webhook.max-body-size", "infobip.smtp.webhook.max-results-per-request",
					"infobip.smtp.webhook.body-read-timeout", "infobip.smtp.webhook.public-base-url",
					"infobip.smtp.webhook.deduplication-capacity");
	}

	@Test
	void importsFileListsEveryAutoConfiguration() throws Exception {
		AnnotationTypeFilter autoConfiguration = new AnnotationTypeFilter(AutoConfiguration.class);
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(MetadataReader reader) throws IOException {
				// every auto-configuration, whatever its conditions say here
				return autoConfiguration.match(reader, getMetadataReaderFactory());
			}

		};
		List<String> autoConfigurations = scanner.findCandidateComponents("com.infobip.smtp")
			.stream()
			.map((candidate) -> candidate.getBeanClassName())
			.toList();
		String imports = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		List<String> listed = imports.lines().map(String::trim).filter((line) -> !line.isEmpty()).toList();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(autoConfigurations);
	}

	private Metadata read(String location) throws Exception {
		try (InputStream in = new ClassPathResource(location).getInputStream()) {
			return JsonMapper.builder().build().readValue(in, Metadata.class);
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Metadata(List<Property> properties, List<Hint> hints) {

		Metadata {
			properties = (properties != null) ? properties : List.of();
			hints = (hints != null) ? hints : List.of();
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Property(String name, String type, String description) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Hint(String name, List<Map<String, Object>> values) {
	}

}

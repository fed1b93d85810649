/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What applications compile against is a list someone reviewed: every public type outside
 * {@code com.infobip.smtp.internal} and its public and protected members are in
 * {@code public-api.txt}, so that no change to the API goes unnoticed; and none of them
 * takes, returns or throws an internal type.
 */
class PublicApiTests {

	private static final String INTERNAL = "com.infobip.smtp.internal.";

	@Test
	void apiDoesNotExposeInternalTypes() throws Exception {
		List<String> leaks = new ArrayList<>();
		for (Class<?> type : apiTypes()) {
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				check(type, constructor, leaks);
			}
			for (Method method : type.getDeclaredMethods()) {
				check(type, method, leaks);
				if (isVisible(method.getModifiers()) && isInternal(method.getReturnType())) {
					leaks.add(type.getName() + "." + method.getName() + " returns " + method.getReturnType().getName());
				}
			}
			for (Field field : type.getDeclaredFields()) {
				if (isVisible(field.getModifiers()) && isInternal(field.getType())) {
					leaks.add(type.getName() + "." + field.getName() + " is a " + field.getType().getName());
				}
			}
		}
		assertThat(leaks).isEmpty();
	}

	@Test
	void publicApiIsTheReviewedList() throws Exception {
		List<String> api = new ArrayList<>();
		for (Class<?> type : publicTypes()) {
			api.add(kind(type) + " " + type.getName());
			List<String> members = new ArrayList<>();
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				if (isVisible(constructor.getModifiers())) {
					members.add("  new(" + parameters(constructor) + ")");
				}
			}
			for (Method method : type.getDeclaredMethods()) {
				if (isVisible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
					members.add("  " + (Modifier.isStatic(method.getModifiers()) ? "static " : "") + method.getName()
							+ "(" + parameters(method) + ") : " + method.getGenericReturnType().getTypeName());
				}
			}
			for (Field field : type.getDeclaredFields()) {
				if (isVisible(field.getModifiers()) && !field.isSynthetic()) {
					members.add("  field " + field.getName() + " : " + field.getGenericType().getTypeName());
				}
			}
			members.sort(null);
			api.addAll(members);
		}
		List<String> reviewed = Files.readAllLines(Path.of("src/test/resources/public-api.txt"));
		if (!api.equals(reviewed)) {
			Files.write(Path.of("target/public-api.txt"), api);
		}
		assertThat(api)
			.as("The public API changed: review the change, then copy target/public-api.txt over"
					+ " src/test/resources/public-api.txt")
			.isEqualTo(reviewed);
	}

	private static String kind(Class<?> type) {
		if (type.isAnnotation()) {
			return "annotation";
		}
		if (type.isInterface()) {
			return "interface";
		}
		if (type.isEnum()) {
			return "enum";
		}
		return type.isRecord() ? "record" : "class";
	}

	private static String parameters(Executable executable) {
		return Stream.of(executable.getGenericParameterTypes())
			.map(java.lang.reflect.Type::getTypeName)
			.collect(Collectors.joining(", "));
	}

	// every public type of this module outside the internal packages, the
	// auto-configuration's included, sorted by name
	private static List<Class<?>> publicTypes() throws ClassNotFoundException {
		List<Class<?>> types = new ArrayList<>();
		for (Class<?> type : scan()) {
			boolean thisModule = type.getProtectionDomain()
				.getCodeSource()
				.getLocation()
				.getPath()
				.endsWith("/infobip-smtp-spring-boot-autoconfigure/target/classes/");
			if (thisModule && Modifier.isPublic(type.getModifiers()) && !isInternal(type)) {
				types.add(type);
			}
		}
		types.sort(Comparator.comparing(Class::getName));
		return types;
	}

	@Test
	void internalTypesAreFound() throws Exception {
		// the scan sees the classes it checks: the transport is
		// found, as an internal type
		assertThat(scan()).anyMatch((type) -> type.getName().endsWith("internal.transport.InfobipSmtpTransport"));
		assertThat(apiTypes()).contains(InfobipMailSender.class, InfobipMailSenderBuilder.class);
	}

	private static void check(Class<?> type, Executable executable, List<String> leaks) {
		if (!isVisible(executable.getModifiers())) {
			return;
		}
		Stream.concat(Stream.of(executable.getParameterTypes()), Stream.of(executable.getExceptionTypes()))
			.filter(PublicApiTests::isInternal)
			.forEach((internal) -> leaks
				.add(type.getName() + "." + executable.getName() + " uses " + internal.getName()));
	}

	private static List<Class<?>> apiTypes() throws ClassNotFoundException {
		List<Class<?>> api = new ArrayList<>();
		for (Class<?> type : scan()) {
			if (Modifier.isPublic(type.getModifiers()) && !isInternal(type)
					&& !type.getPackageName().endsWith(".autoconfigure")) {
				api.add(type);
				for (Class<?> nested : type.getDeclaredClasses()) {
					if (Modifier.isPublic(nested.getModifiers())) {
						api.add(nested);
					}
				}
			}
		}
		return api;
	}

	private static List<Class<?>> scan() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return true;
			}

		};
		scanner
			.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile("com\\.infobip\\.smtp\\..*")));
		List<Class<?>> types = new ArrayList<>();
		for (BeanDefinition definition : scanner.findCandidateComponents("com.infobip.smtp")) {
			Class<?> type = ClassUtils.forName(definition.getBeanClassName(), PublicApiTests.class.getClassLoader());
			// main code only: test classes live in the same packages
			if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
				continue;
			}
			types.add(type);
		}
		return types;
	}

	private static boolean isVisible(int modifiers) {
		return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
	}

	private static boolean isInternal(Class<?> type) {
		Class<?> component = type.isArray() ? type.getComponentType() : type;
		return component.getName().startsWith(INTERNAL);
	}

}

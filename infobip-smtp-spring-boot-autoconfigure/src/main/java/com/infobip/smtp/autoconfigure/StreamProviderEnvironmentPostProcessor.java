/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Names, in the system property {@code jakarta.mail.util.StreamProvider}, the Jakarta
 * Mail stream provider that jakarta.mail-api would find on the class path, when the JVM
 * has none named. jakarta.mail-api 2.1 looks the provider up again, with a
 * {@link ServiceLoader} class path scan, in every new {@code MimeBodyPart},
 * {@code MimeMultipart} and {@code MimeUtility} encoder (jakartaee/mail-api#861); with
 * the property set it loads the named class instead. The provider is the one the scan
 * finds, so nothing changes in the messages.
 * <p>
 * The property is only set where every class loader jakarta.mail-api may try first can
 * load the class by name: with the property set, jakarta.mail-api tries the thread's
 * context class loader first and fails, rather than scanning, when that loader cannot
 * load the named class. Run from nested jars ({@code java -jar app.jar}), the system
 * class loader cannot, and it is the context class loader of some threads, such as the
 * workers of {@code ForkJoinPool.commonPool()} on recent JDKs, so the property is left
 * alone there.
 * <p>
 * Runs unless {@code infobip.smtp.enabled} or {@code infobip.smtp.name-stream-provider}
 * is {@code false}. A value already set is kept. The property is JVM-wide and stays set
 * after the application context is closed.
 */
class StreamProviderEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static final String NAME_STREAM_PROVIDER_PROPERTY = "infobip.smtp.name-stream-provider";

	private final Log logger;

	StreamProviderEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(StreamProviderEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// after every post-processor that may add a property source with the opt-out
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		postProcessEnvironment(environment, ClassLoader.getSystemClassLoader());
	}

	void postProcessEnvironment(ConfigurableEnvironment environment, ClassLoader systemClassLoader) {
		if (!environment.getProperty("infobip.smtp.enabled", Boolean.class, true)
				|| !environment.getProperty(NAME_STREAM_PROVIDER_PROPERTY, Boolean.class, true)) {
			return;
		}
		String named = System.getProperty(STREAM_PROVIDER);
		if (named != null) {
			debug("Keeping the Jakarta Mail stream provider the JVM names: " + STREAM_PROVIDER + "=" + named);
			return;
		}
		Class<?> service = streamProviderType();
		if (service == null) {
			return;
		}
		ClassLoader contextClassLoader = Thread.currentThread().getContextClassLoader();
		// the loaders jakarta.mail-api's FactoryFinder tries, in its order
		Set<ClassLoader> loaders = new LinkedHashSet<>();
		addIfNotNull(loaders, contextClassLoader);
		addIfNotNull(loaders, service.getClassLoader());
		loaders.add(systemClassLoader);
		String provider = firstProvider(service, loaders);
		if (provider == null) {
			return;
		}
		for (ClassLoader loader : loaders) {
			if (!loadsByName(provider, service, loader)) {
				debug("Not naming Jakarta Mail stream provider " + provider + " in system property " + STREAM_PROVIDER
						+ ": class loader " + loader + " cannot load it (as the system class loader cannot when run"
						+ " from nested jars), and jakarta.mail-api would then fail on threads that have it as"
						+ " context class loader instead of looking the provider up");
				return;
			}
		}
		Object previous = System.getProperties().putIfAbsent(STREAM_PROVIDER, provider);
		if (previous == null) {
			debug("Named Jakarta Mail stream provider " + provider + " in system property " + STREAM_PROVIDER
					+ ", so that jakarta.mail-api does not scan the class path for it in every body part,"
					+ " multipart and encoder; set " + NAME_STREAM_PROVIDER_PROPERTY + "=false to leave it unset");
		}
	}

	private @Nullable Class<?> streamProviderType() {
		try {
			return Class.forName(STREAM_PROVIDER, false, StreamProviderEnvironmentPostProcessor.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			debug("No Jakarta Mail stream provider to name: " + STREAM_PROVIDER + " is not on the class path");
			return null;
		}
	}

	private @Nullable String firstProvider(Class<?> service, Set<ClassLoader> loaders) {
		for (ClassLoader loader : loaders) {
			try {
				Optional<? extends ServiceLoader.Provider<?>> first = ServiceLoader.load(service, loader)
					.stream()
					.findFirst();
				if (first.isPresent()) {
					return first.get().type().getName();
				}
			}
			catch (ServiceConfigurationError ex) {
				debug("Not naming a Jakarta Mail stream provider: looking it up failed: " + ex.getMessage());
				return null;
			}
		}
		debug("No Jakarta Mail stream provider to name: none is on the class path");
		return null;
	}

	/**
	 * Whether jakarta.mail-api, with the property naming {@code provider}, gets an
	 * instance from {@code loader} or moves on to looking it up, as it does when the
	 * class the loader finds is not its {@code StreamProvider}. It fails on anything
	 * else, such as a loader that cannot find the class.
	 */
	private boolean loadsByName(String provider, Class<?> service, ClassLoader loader) {
		try {
			Class<?> type = Class.forName(provider, false, loader);
			if (service.isAssignableFrom(type)) {
				type.getConstructor().newInstance();
			}
			return true;
		}
		catch (Throwable ex) {
			// in a native image a missing reflection registration is an Error
			return false;
		}
	}

	private void debug(String message) {
		if (this.logger.isDebugEnabled()) {
			this.logger.debug(message);
		}
	}

	private static void addIfNotNull(Set<ClassLoader> loaders, @Nullable ClassLoader loader) {
		if (loader != null) {
			loaders.add(loader);
		}
	}

}

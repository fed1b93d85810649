/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's H2 database keeps every commit that returned when its JVM is killed
 * (SIGKILL): a child JVM commits rows one after another on the URL of the sample's
 * application.yml and is killed as soon as this test read some acknowledged commits; the
 * database, opened again, holds every one of them.
 */
class H2DurabilityTests {

	private static final int ACKNOWLEDGED_BEFORE_KILL = 200;

	// the child's program, run from source: a main class in src/test would make the
	// offline application's main class (spring-boot:test-run) ambiguous
	private static final String COMMIT_LOOP = """
			import java.sql.*;

			class CommitLoop {

				// commits one row after another and prints each id once its commit returned
				public static void main(String[] args) throws SQLException {
					Connection connection = DriverManager.getConnection(args[0]);
					connection.createStatement().execute("create table committed (id int primary key)");
					connection.setAutoCommit(false);
					PreparedStatement insert = connection.prepareStatement("insert into committed (id) values (?)");
					for (int id = 1;; id++) {
						insert.setInt(1, id);
						insert.executeUpdate();
						connection.commit();
						System.out.println(id);
					}
				}

			}
			""";

	@Test
	void commitsThatReturnedSurviveKillOfTheJvm(@TempDir Path dataDir) throws Exception {
		String url = sampleDatasourceUrl(dataDir);
		assertThat(url).startsWith("jdbc:h2:file:" + dataDir).contains(";WRITE_DELAY=0");
		int acknowledged = commitUntilKilled(Files.writeString(dataDir.resolve("CommitLoop.java"), COMMIT_LOOP), url,
				ACKNOWLEDGED_BEFORE_KILL);
		assertThat(acknowledged).isEqualTo(ACKNOWLEDGED_BEFORE_KILL);
		assertThat(committedRows(url, acknowledged)).isEqualTo(acknowledged);
	}

	/**
	 * The sample's spring.datasource.url, with sample.data-dir in the given directory.
	 */
	static String sampleDatasourceUrl(Path dataDir) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			environment.getPropertySources().addLast(source);
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("sample.data-dir", dataDir.toString())));
		return environment.getRequiredProperty("spring.datasource.url");
	}

	/**
	 * Runs the commit loop in a JVM of its own and kills it (SIGKILL) as soon as it
	 * acknowledged the given number of commits.
	 * @return how many commits it acknowledged
	 */
	static int commitUntilKilled(Path program, String url, int commits) throws IOException, InterruptedException {
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), program.toString(), url)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		int acknowledged = 0;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (acknowledged < commits && (line = out.readLine()) != null) {
				acknowledged = Integer.parseInt(line);
			}
			// killed before its output pipe is closed: a broken pipe would let it end on
			// its own, and close the database cleanly
			child.destroyForcibly();
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child killed").isTrue();
		}
		return acknowledged;
	}

	/**
	 * Opens the database again and counts the rows among the first {@code upTo}.
	 */
	static int committedRows(String url, int upTo) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url);
				ResultSet rows = connection.createStatement()
					.executeQuery("select count(*) from committed where id <= " + upTo)) {
			rows.next();
			return rows.getInt(1);
		}
	}

}

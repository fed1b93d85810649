/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's documentation holds together: every relative Markdown link of the README,
 * CONTRIBUTING.md, the benchmark notebook and the pages under docs/ leads to a file that
 * exists and, when it names an anchor, to a heading of that file with that anchor, as
 * GitHub derives it; and the README stays short enough to read in ten minutes.
 */
class DocumentationLinksTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final int README_MAX_LINES = 400;

	// [text](target) or [text](target "title"); the text may hold `code` and run over
	// two lines, never over a blank one
	private static final Pattern LINK = Pattern
		.compile("\\[((?:[^\\]\\n]|\\n(?!\\n))*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	// within a paragraph: a code span may run over two lines, never over a blank one
	private static final Pattern CODE_SPAN = Pattern.compile("`(?:[^`\\n]|\\n(?!\\n))*`");

	// GitHub keeps letters, marks, digits, connector punctuation (the underscore), '-'
	// and spaces, and removes everything else
	private static final Pattern NOT_IN_ANCHOR = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}\\p{Pc} -]");

	@Test
	void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path document : documents()) {
			for (Link link : links(document)) {
				if (isExternal(link.target())) {
					continue;
				}
				checked++;
				String problem = problem(document, link.target());
				if (problem != null) {
					broken.add(ROOT.relativize(document) + ":" + link.line() + ": [" + link.text() + "]("
							+ link.target() + ") " + problem);
				}
			}
		}
		assertThat(checked).as("relative links checked").isGreaterThan(20);
		assertThat(broken).isEmpty();
	}

	@Test
	void readmeIsAtMost400LinesLong() throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
		assertThat(lines.size()).as("lines of README.md").isLessThanOrEqualTo(README_MAX_LINES);
	}

	@Test
	void anchorsAreDerivedAsGitHubDerivesThem() {
		assertThat(anchorOf("Outbox: send after commit, across crashes and instances"))
			.isEqualTo("outbox-send-after-commit-across-crashes-and-instances");
		assertThat(anchorOf("Jakarta Mail's provider look-up")).isEqualTo("jakarta-mails-provider-look-up");
		assertThat(anchorOf("`InfobipMailSender` and `sendAsync`")).isEqualTo("infobipmailsender-and-sendasync");
		assertThat(anchorOf("Runs A1–F (2026-11-25)")).isEqualTo("runs-a1f-2026-11-25");
		assertThat(anchorOf("snake_case stays")).isEqualTo("snake_case-stays");
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(ROOT.resolve("README.md"));
		documents.add(ROOT.resolve("CONTRIBUTING.md"));
		documents.add(ROOT.resolve("benchmarks/README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		for (Path document : documents) {
			assertThat(document).isRegularFile();
		}
		return documents;
	}

	private static boolean isExternal(String target) {
		String lower = target.toLowerCase(Locale.ROOT);
		return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
	}

	private static @Nullable String problem(Path document, String target) throws IOException {
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		@Nullable String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path file = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
		if (!Files.exists(file)) {
			return "leads to " + ROOT.relativize(file) + ", which does not exist";
		}
		if (anchor == null) {
			return null;
		}
		if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(".md")) {
			return "names an anchor in " + ROOT.relativize(file) + ", which is not a Markdown file";
		}
		Set<String> anchors = anchors(file);
		return anchors.contains(anchor) ? null : "names #" + anchor + ", which is no heading of "
				+ ROOT.relativize(file) + " (it has " + anchors.stream().sorted().toList() + ")";
	}

	private static List<Link> links(Path document) throws IOException {
		List<Link> links = new ArrayList<>();
		// a link's text may run over two lines of a paragraph
		String prose = String.join("\n", prose(document).stream().map((line) -> (line != null) ? line : "").toList());
		// parentheses in code spans are blanked, so that code that looks like a link
		// (`map[key](x)`) is not taken for one, while a code span in a link's text stays
		String text = CODE_SPAN.matcher(prose)
			.replaceAll((code) -> Matcher.quoteReplacement(code.group().replace('(', ' ').replace(')', ' ')));
		Matcher matcher = LINK.matcher(text);
		while (matcher.find()) {
			int line = 1 + (int) text.substring(0, matcher.start()).chars().filter((c) -> c == '\n').count();
			links.add(new Link(line, matcher.group(1).replace('\n', ' '), matcher.group(2)));
		}
		return links;
	}

	private static Set<String> anchors(Path file) throws IOException {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : prose(file)) {
			if (line == null) {
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String anchor = anchorOf(heading.group(1));
				int count = seen.merge(anchor, 1, Integer::sum);
				anchors.add((count == 1) ? anchor : anchor + "-" + (count - 1));
			}
		}
		return anchors;
	}

	private static String anchorOf(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
		return NOT_IN_ANCHOR.matcher(text).replaceAll("").replace(' ', '-');
	}

	// the document's lines, with those of fenced code blocks replaced by null
	private static List<@Nullable String> prose(Path document) throws IOException {
		List<@Nullable String> lines = new ArrayList<>();
		@Nullable String fence = null;
		for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
			String trimmed = line.strip();
			if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
				fence = trimmed.substring(0, 3);
				lines.add(null);
			}
			else if (fence != null) {
				if (trimmed.startsWith(fence)) {
					fence = null;
				}
				lines.add(null);
			}
			else {
				lines.add(line);
			}
		}
		return lines;
	}

	private record Link(int line, String text, String target) {
	}

}

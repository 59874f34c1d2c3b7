package dev.wslab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pages' sources keep the site's promise: no code is pasted into a page. Every Java and JavaScript
 * listing, and every nginx and HAProxy config, is an include of a file that the build compiles or a test
 * runs; only shell commands and sample output may be written inline.
 */
@DisplayName("the site's Asciidoc sources, the tutorials' and the reference pages")
class AsciidocSourcesTest {

    private static final Path ROOT = Path.of(System.getProperty("wslab.root", ".."));
    /** The two folders of pages: the site's home and reference pages, and the tutorials' pages. */
    private static final List<Path> FOLDERS = List.of(ROOT.resolve("docs/src/docs/asciidoc"),
            ROOT.resolve("tutorials/src/docs/asciidoc"));
    private static final Pattern SOURCE_BLOCK = Pattern.compile("(?m)^\\[source,\\s*([A-Za-z]+)[^\\]]*\\]\\s*\\n(-{4,})\\n(.*?)\\n\\2$",
            Pattern.DOTALL);
    /** Languages whose listings must come from files the build compiles or the tests run. */
    private static final Set<String> INCLUDED_ONLY = Set.of("java", "javascript", "js", "nginx", "haproxy");

    @Test
    void everyCodeAndConfigListingIsAnIncludeOfATestedFile() throws IOException {
        List<String> pasted = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            Matcher block = SOURCE_BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                if (!INCLUDED_ONLY.contains(block.group(1).toLowerCase())) {
                    continue;
                }
                checked++;
                for (String line : block.group(3).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("include::{")) {
                        pasted.add(page.getFileName() + ": " + line.strip());
                    }
                }
            }
        }
        assertThat(checked).as("listings checked").isGreaterThan(100);
        assertThat(pasted).as("lines pasted into a code listing instead of included").isEmpty();
    }

    @Test
    void everyIncludedSourceFileIsInAFolderThatTheBuildCompilesOrTheTestsRead() throws IOException {
        Pattern include = Pattern.compile("(?m)^include::\\{([a-z-]+)\\}");
        Set<String> tested = Set.of("protocol-src", "protocol-test", "transport-src", "server-src", "client-src",
                "conformance-src", "tutorials-src", "tutorials-test", "tutorials-config", "tutorials-web", "benchmarks-src", "generated");
        List<String> others = new ArrayList<>();
        for (Path page : pages()) {
            include.matcher(Files.readString(page)).results().map(match -> match.group(1))
                    .filter(attribute -> !tested.contains(attribute))
                    .forEach(attribute -> others.add(page.getFileName() + ": {" + attribute + "}"));
        }
        assertThat(others).isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        for (Path folder : FOLDERS) {
            try (Stream<Path> files = Files.walk(folder)) {
                pages.addAll(files.filter(path -> path.toString().endsWith(".adoc")).sorted().toList());
            }
        }
        assertThat(pages).as("pages in " + FOLDERS).hasSizeGreaterThanOrEqualTo(20);
        return pages;
    }

    @Test
    void everyPageSitsInTheFolderOfItsSectionInTheModuleThatOwnsIt() throws IOException {
        Path home = FOLDERS.get(0);
        Path tutorials = FOLDERS.get(1);
        assertThat(pages().stream().map(page -> page.getParent()).distinct())
                .containsExactlyInAnyOrder(home, home.resolve("reference"), tutorials.resolve("learn"),
                        tutorials.resolve("production"));
    }
}

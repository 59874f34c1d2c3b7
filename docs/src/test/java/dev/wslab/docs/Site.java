package dev.wslab.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** The rendered site in {@code docs/target/site}, every page parsed once. */
final class Site {

    static final Path ROOT = Path.of(System.getProperty("wslab.site", "target/site")).toAbsolutePath().normalize();

    private static Map<String, Document> pages;

    private Site() {
    }

    /** Every HTML page of the site by its path from the site's root, e.g. {@code production/heartbeats.html}. */
    static synchronized Map<String, Document> pages() {
        if (pages == null) {
            Map<String, Document> parsed = new TreeMap<>();
            try (Stream<Path> files = Files.walk(ROOT)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".html")).toList()) {
                    parsed.put(name(file), Jsoup.parse(file.toFile(), "UTF-8"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the site was not rendered into " + ROOT.toAbsolutePath(), e);
            }
            pages = parsed;
        }
        return pages;
    }

    /** Returns the name of a file of the site: its path from the root, with / between folders. */
    static String name(Path file) {
        return ROOT.relativize(file).toString().replace(File.separatorChar, '/');
    }

    /** One page; fails when it does not exist. */
    static Document page(String name) {
        Document page = pages().get(name);
        if (page == null) {
            throw new AssertionError(name + " is not in the site; pages: " + List.copyOf(pages().keySet()));
        }
        return page;
    }
}

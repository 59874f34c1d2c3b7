package dev.wslab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rendered site holds together: titles, links, anchors, listings, nothing left unresolved. */
@DisplayName("the docs site")
class SiteStructureTest {

    /** The pages the navigation promises: the home page and the three parts of the site, a folder each. */
    static final List<String> PAGES = List.of("index",
            "learn/handshake", "learn/framing", "learn/masking", "learn/utf8", "learn/control-frames", "learn/closing",
            "production/close-codes", "production/heartbeats", "production/reconnect", "production/session-recovery",
            "production/proxies", "production/monitoring", "production/debugging", "production/limits",
            "production/compression",
            "reference/architecture", "reference/traceability", "reference/catalog", "reference/close-code-table",
            "reference/probes");

    private static final Pattern UNRESOLVED_ATTRIBUTE = Pattern.compile("\\{[a-z][a-z0-9]*(?:-[a-z0-9]+)+\\}");

    @Test
    void hasEveryPageOfTheNavigationAndNoOther() {
        assertThat(Site.pages().keySet()).containsExactlyInAnyOrderElementsOf(
                PAGES.stream().map(page -> page + ".html").toList());
    }

    @Test
    void everyPageHasATitleAHeadingAndTheNavigation() {
        Site.pages().forEach((name, page) -> {
            assertThat(page.title()).as(name + " <title>").isNotBlank();
            assertThat(page.select("h1").text()).as(name + " <h1>").isNotBlank();
            assertThat(page.select("nav#site-nav a")).as(name + " navigation").hasSizeGreaterThan(PAGES.size() - 1);
        });
    }

    @Test
    void noPageIsAStub() {
        Site.pages().forEach((name, page) -> assertThat(page.select("#content").text())
                .as(name).doesNotContain("This page is being written").hasSizeGreaterThan(600));
    }

    @Test
    void noPageShowsAnUnresolvedIncludeAttributeOrTag() {
        Site.pages().forEach((name, page) -> {
            String all = page.select("#content").text();
            assertThat(all).as(name).doesNotContain("Unresolved directive", "include::", "tag::", "end::",
                    "[WARNING]", "[ERROR]");
            Document prose = page.clone();
            prose.select("pre, code").remove();
            assertThat(UNRESOLVED_ATTRIBUTE.matcher(prose.select("#content").text()).results()
                    .map(match -> match.group()).toList()).as(name + ": attribute references left in the text").isEmpty();
        });
    }

    @Test
    void everyCodeListingHasCode() {
        Site.pages().forEach((name, page) -> page.select(".listingblock pre").forEach(listing ->
                assertThat(listing.text()).as(name + ": a listing after \"" + before(listing) + "\"").isNotBlank()));
    }

    @Test
    void everyInternalLinkAndImageResolvesToAPageAndAnAnchorThatExist() {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, Document> entry : Site.pages().entrySet()) {
            for (Element link : entry.getValue().select("a[href], img[src], object[data]")) {
                String target = link.hasAttr("href") ? link.attr("href")
                        : link.hasAttr("src") ? link.attr("src") : link.attr("data");
                if (target.matches("^[a-z]+:.*") || target.startsWith("//")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
                // a link is relative to the folder of the page it is on
                Path linked = Site.ROOT.resolve(entry.getKey()).resolveSibling(file).normalize();
                String page = file.isEmpty() ? entry.getKey() : Site.name(linked);
                if (!linked.startsWith(Site.ROOT) || !Files.exists(Site.ROOT.resolve(page))) {
                    broken.add(entry.getKey() + " → " + target + " (no such file)");
                } else if (!anchor.isEmpty() && page.endsWith(".html")
                        && Site.page(page).getElementById(anchor) == null) {
                    broken.add(entry.getKey() + " → " + target + " (no such anchor)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyRfcLinkPointsAtASectionOfRfc6455() {
        Site.pages().forEach((name, page) -> page.select("a[href*=rfc6455#]").forEach(link ->
                assertThat(link.attr("href")).as(name).matches("https://www\\.rfc-editor\\.org/rfc/rfc6455#section-\\d+(\\.\\d+)*")));
    }

    @Test
    void diagramsAreRendered() {
        assertThat(Site.page("reference/architecture.html").select("img[src$=.svg], svg")).isNotEmpty();
        long pagesWithDiagrams = Site.pages().values().stream()
                .filter(page -> !page.select("img[src$=.svg], svg").isEmpty()).count();
        assertThat(pagesWithDiagrams).as("pages with a diagram").isGreaterThanOrEqualTo(3);
    }

    private static String before(Element element) {
        Element previous = element.parents().select(".listingblock").first();
        Element paragraph = previous == null ? null : previous.previousElementSibling();
        String text = paragraph == null ? "" : paragraph.text();
        return text.length() > 60 ? text.substring(0, 60) : text;
    }
}

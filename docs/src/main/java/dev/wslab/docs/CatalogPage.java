package dev.wslab.docs;

import dev.wslab.conformance.ConformanceCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CatalogPage writes the conformance case catalog from the suite's own case definitions, section by
 * section, so the page lists exactly what {@code ./wslab conform} runs.
 */
final class CatalogPage {

    private CatalogPage() {
    }

    /** The anchor of a case's row, e.g. {@code case-6-4-3}: the page links to cases by it. */
    static String anchor(String id) {
        return "case-" + id.replace('.', '-');
    }

    /** Renders every case, grouped by section number, with a table per section. */
    static String render(List<ConformanceCase> cases) {
        Map<Integer, List<ConformanceCase>> sections = cases.stream().collect(
                Collectors.groupingBy(ConformanceCase::sectionNumber, LinkedHashMap::new, Collectors.toList()));
        StringBuilder page = new StringBuilder();
        page.append("The catalog holds ").append(cases.size()).append(" cases in ").append(sections.size())
                .append(" sections.\n\n");
        sections.forEach((number, inSection) -> {
            page.append("[#section-").append(number).append("]\n== ").append(number).append(". ")
                    .append(inSection.get(0).section()).append(" (").append(inSection.size()).append(" cases)\n\n")
                    .append("[cols=\"1,8,2\",options=\"header\"]\n|===\n|Case |What the suite sends, and what the server must do |RFC 6455\n");
            for (ConformanceCase testCase : inSection) {
                page.append("\n|[[").append(anchor(testCase.id())).append("]]").append(testCase.id())
                        .append("\n|").append(Asciidoc.cell(testCase.description()));
                if (testCase.deviation() != null && !testCase.deviation().isEmpty()) {
                    page.append(" _Differs from Autobahn: ").append(Asciidoc.cell(testCase.deviation())).append("_");
                }
                page.append("\n|").append(testCase.rfcSections().stream()
                        .map(Asciidoc::rfcLink)
                        .collect(Collectors.joining(", "))).append('\n');
            }
            page.append("|===\n\n");
        });
        return page.toString();
    }
}

package dev.wslab.docs;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.judge.Clause;
import dev.wslab.conformance.judge.Reason;
import dev.wslab.conformance.judge.Reasons;
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
        page.append(reasons(Reasons.all()));
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

    /** The anchor of the table of reasons. */
    static final String REASONS_ID = "verdict-reasons";

    /**
     * Renders every verdict but OK that the judges can give, with the clause it rests on: FAILED only for a
     * MUST or MUST NOT of RFC 6455, NON-STRICT and WRONG CODE for a SHOULD, words that state no requirement,
     * or Autobahn's expectation.
     */
    static String reasons(List<Reason> reasons) {
        StringBuilder table = new StringBuilder("[#section-reasons]\n== Why a case gets its verdict\n\n"
                + "Every verdict other than OK rests on a clause, quoted here as the judge cites it in the reports.\n\n"
                + "[#" + REASONS_ID + ",cols=\"3,1,1,1,6\",options=\"header\"]\n|===\n"
                + "|Reason |Verdict |Section |Keyword |Clause\n");
        for (Reason reason : reasons) {
            Clause clause = reason.clause();
            table.append("\n|+").append(Asciidoc.cell(reason.name())).append('+')
                    .append("\n|").append(reason.verdict().autobahnName())
                    .append("\n|").append(switch (clause.source()) {
                        case RFC_6455 -> Asciidoc.rfcLink(clause.section());
                        case RFC_7692 -> Asciidoc.rfc7692Link(clause.section());
                        case AUTOBAHN -> "Autobahn " + Asciidoc.cell(clause.section());
                    })
                    .append("\n|").append(clause.keyword().text())
                    // passed through as is: the RFC's _Fail the WebSocket Connection_ is not emphasis
                    .append("\n|").append(clause.source() == Clause.Source.RFC_6455 ? "\"" : "")
                    .append('+').append(Asciidoc.cell(clause.quote())).append('+')
                    .append(clause.source() == Clause.Source.RFC_6455 ? "\"" : "").append('\n');
        }
        return table.append("|===\n\n").toString();
    }
}

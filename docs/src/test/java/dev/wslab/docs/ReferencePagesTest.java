package dev.wslab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.Clause;
import dev.wslab.conformance.judge.Reason;
import dev.wslab.conformance.judge.Reasons;
import dev.wslab.protocol.Rule;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The generated reference pages say what the code says. */
@DisplayName("the reference pages")
class ReferencePagesTest {

    @Test
    void theCatalogHasARowForEveryCaseTheSuiteRunsAndNoOther() {
        List<ConformanceCase> cases = new ArrayList<>(AutobahnCatalog.everything());
        cases.addAll(RobustnessProbes.cases());
        Elements rows = Site.page("reference/catalog.html").select("table:not(#" + CatalogPage.REASONS_ID + ") tbody tr");
        assertThat(rows.stream().map(row -> row.select("td").first().text()).toList())
                .containsExactlyElementsOf(cases.stream().map(ConformanceCase::id).toList());
        for (ConformanceCase testCase : cases) {
            assertThat(Site.page("reference/catalog.html").getElementById(CatalogPage.anchor(testCase.id())))
                    .as("anchor of case " + testCase.id()).isNotNull();
        }
    }

    @Test
    void theCatalogShowsEveryReasonWithItsVerdictAndQuotedClause() {
        Elements rows = Site.page("reference/catalog.html").select("table#" + CatalogPage.REASONS_ID + " tbody tr");
        List<Reason> reasons = Reasons.all();
        assertThat(rows).hasSize(reasons.size());
        for (int i = 0; i < reasons.size(); i++) {
            Reason reason = reasons.get(i);
            Elements cells = rows.get(i).select("td");
            assertThat(cells.get(0).text()).isEqualTo(reason.name());
            assertThat(cells.get(1).text()).isEqualTo(reason.verdict().autobahnName());
            if (reason.clause().source() == Clause.Source.RFC_6455) {
                assertThat(cells.get(2).select("a[href*=#section-" + reason.clause().section() + "]")).as(reason.name())
                        .isNotEmpty();
                assertThat(cells.get(4).text()).isEqualTo("\"" + reason.clause().quote() + "\"");
            }
        }
    }

    @Test
    void theTraceabilityTableHasNoRowWithoutCodeTestAndCase() {
        Elements rows = Site.page("reference/traceability.html").select("table tbody tr");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(Rule.values().length);
        for (Element row : rows) {
            Elements cells = row.select("> td");
            assertThat(cells).hasSize(6);
            String must = cells.get(0).text();
            assertThat(cells.get(1).select("a[href*=#section-]")).as(must + ": RFC section").isNotEmpty();
            assertThat(cells.get(3).select("code")).as(must + ": code").isNotEmpty();
            assertThat(cells.get(4).select("code")).as(must + ": tests").isNotEmpty();
            if (cells.get(1).select("a[href*=rfc7692]").isEmpty()) {
                assertThat(cells.get(5).select("a[href^=catalog.html#case-]")).as(must + ": cases").isNotEmpty();
            } else {
                assertThat(cells.get(5).text()).as(must + ": no case yet, said so").isEqualTo(TraceabilityPage.NO_COMPRESSION_CASES);
            }
        }
    }

    @Test
    void theTraceabilityTableHasARowForEveryFrameRule() {
        // Asciidoctor typesets ' as a right single quotation mark.
        String table = Site.page("reference/traceability.html").select("table").text().replace('\u2019', '\'');
        for (Rule rule : Rule.values()) {
            assertThat(table).contains(rule.description());
        }
    }

    @Test
    void theCloseCodeTableListsEveryCodeOfTheRfcAndTheRegistry() {
        String table = Site.page("reference/close-code-table.html").select("table").text();
        for (int code = 1000; code <= 1015; code++) {
            assertThat(table).contains(String.valueOf(code));
        }
        assertThat(table).contains("4000–4999", "3000–3999");
    }
}

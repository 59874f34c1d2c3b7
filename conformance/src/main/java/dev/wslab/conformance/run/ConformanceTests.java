package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * ConformanceTests turns the catalog into JUnit 5 dynamic tests, one per case, grouped by section, so a
 * server's own build runs the suite and every IDE and CI shows each case:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> conformance() {
 *     return ConformanceTests.against(URI.create("ws://127.0.0.1:" + server.port() + "/"))
 *             .cases("*").exclude("9.*").accepting(Map.of("6.4.3", Verdict.NON_STRICT))
 *             .tests();
 * }
 * }</pre>
 *
 * A case fails the test when its verdict is FAILED or WRONG CODE, or NON-STRICT unless accepted; it is
 * reported as aborted (skipped) when INFORMATIONAL.
 */
public final class ConformanceTests {

    private Target target;
    private String include = "*";
    private String exclude = "";
    private Map<String, Verdict> accepted = Map.of();

    private ConformanceTests(Target target) {
        this.target = target;
    }

    /** Returns tests against the WebSocket endpoint at {@code uri}. */
    public static ConformanceTests against(URI uri) {
        return new ConformanceTests(Target.of(uri));
    }

    /** Selects cases by pattern, e.g. {@code "1.*,5.*"}. */
    public ConformanceTests cases(String patterns) {
        this.include = patterns;
        return this;
    }

    /** Leaves out cases by pattern, e.g. {@code "9.*"}. */
    public ConformanceTests exclude(String patterns) {
        this.exclude = patterns;
        return this;
    }

    /** Gives the server {@code factor} times the catalog's deadlines and pauses (1 to 100). */
    public ConformanceTests timeScale(double factor) {
        this.target = target.withTimeScale(factor);
        return this;
    }

    /** Accepts these verdicts for these cases, e.g. a NON-STRICT the server's authors decided on. */
    public ConformanceTests accepting(Map<String, Verdict> verdicts) {
        this.accepted = Map.copyOf(verdicts);
        return this;
    }

    /** Returns one container per section, one test per case; each test runs its case when executed. */
    public Stream<DynamicNode> tests() {
        List<ConformanceCase> selected = CaseSelection.parse(include, exclude).select(AutobahnCatalog.everything());
        Map<String, List<DynamicNode>> sections = new LinkedHashMap<>();
        for (ConformanceCase testCase : selected) {
            String section = testCase.sectionNumber() + " " + testCase.section();
            sections.computeIfAbsent(section, key -> new java.util.ArrayList<>()).add(DynamicTest.dynamicTest(
                    testCase.id() + " " + testCase.description(), () -> check(CaseExecutor.run(testCase, target))));
        }
        return sections.entrySet().stream().map(entry -> DynamicContainer.dynamicContainer(entry.getKey(), entry.getValue()));
    }

    private void check(CaseResult result) {
        Verdict verdict = result.verdict();
        Verdict allowed = accepted.get(result.testCase().id());
        if (verdict == Verdict.OK || verdict == allowed) {
            return;
        }
        if (Set.of(Verdict.INFORMATIONAL, Verdict.UNIMPLEMENTED, Verdict.UNSAFE).contains(verdict)) {
            throw new TestAbortedException(verdict.autobahnName() + ": " + result.reason());
        }
        StringBuilder message = new StringBuilder(verdict.autobahnName()).append(": ").append(result.reason())
                .append("\nwire log:\n");
        result.wireLog().forEach(entry -> message.append(entry).append('\n'));
        throw new AssertionFailedError(message.toString());
    }
}

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
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
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
 *             .exclude("9.*")
 *             .tests();
 * }
 * }</pre>
 *
 * <p><b>Which verdicts fail a test.</b> By default FAILED and WRONG CODE, the verdicts that also make
 * {@code wslab conform} exit non-zero ({@link Verdict#isFailure}); like the Autobahn Maven plugin's
 * {@code failOnNonStrict=false}. Every other verdict but OK (NON-STRICT, INFORMATIONAL, UNIMPLEMENTED) is
 * reported as an aborted test, which Surefire and build servers list as skipped, with the verdict and its
 * reason as the message: seen, not failing. {@link #failOn} chooses other verdicts, e.g.
 * {@code .failOn(Verdict.FAILED, Verdict.WRONG_CODE, Verdict.NON_STRICT)} to fail on every NON-STRICT too;
 * {@link #accepting} lets single cases pass with a verdict the server's authors decided on.
 *
 * <p><b>Names in the reports.</b> Each test is named by its case id and description ("6.4.1 Send ...")
 * and each section container by its number and title ("6 UTF-8 Handling"), in the IDE and in Surefire's
 * XML reports with Surefire's default configuration: a section is its own test set (a
 * {@code TEST-6 UTF-8 Handling.xml} file, the section as the testcase's {@code classname}), and a case is
 * a testcase named by its id and description. Surefire names a test whose source is a Java method by
 * JUnit's legacy name, which for dynamic tests is an index ({@code conformance()[4][2]}); so each section
 * carries a class source named like the section, and each case the target's URI with the case id as
 * fragment ({@code ws://host:port/path#6.4.1}). One factory per build keeps the file names apart: two
 * factories against two servers would write the same section files.
 */
public final class ConformanceTests {

    // Immutable: each setting returns a new ConformanceTests, so a shared base can be refined safely and the
    // tests that tests() returned never see a later change.
    private final Target target;
    private final String include;
    private final String exclude;
    private final Map<String, Verdict> accepted;
    private final Set<Verdict> failOn;

    private ConformanceTests(Target target, String include, String exclude, Map<String, Verdict> accepted,
                             Set<Verdict> failOn) {
        this.target = target;
        this.include = include;
        this.exclude = exclude;
        this.accepted = Map.copyOf(accepted);
        this.failOn = Collections.unmodifiableSet(EnumSet.copyOf(failOn));
    }

    /** Returns tests against the WebSocket endpoint at {@code uri}. */
    public static ConformanceTests against(URI uri) {
        return new ConformanceTests(Target.of(uri), "*", "", Map.of(),
                EnumSet.copyOf(Arrays.stream(Verdict.values()).filter(Verdict::isFailure).toList()));
    }

    /** Returns these tests, selecting cases by pattern, e.g. {@code "1.*,5.*"}. */
    public ConformanceTests cases(String patterns) {
        return new ConformanceTests(target, patterns, exclude, accepted, failOn);
    }

    /** Returns these tests, leaving out cases by pattern, e.g. {@code "9.*"}. */
    public ConformanceTests exclude(String patterns) {
        return new ConformanceTests(target, include, patterns, accepted, failOn);
    }

    /** Returns these tests, giving the server {@code factor} times the catalog's deadlines and pauses (1 to 100). */
    public ConformanceTests timeScale(double factor) {
        return new ConformanceTests(target.withTimeScale(factor), include, exclude, accepted, failOn);
    }

    /**
     * Returns these tests, failing a case's test on exactly these verdicts (default: FAILED and WRONG CODE); any
     * other verdict but OK aborts the test (skipped, with the verdict and reason as message).
     *
     * @throws IllegalArgumentException for OK, which cannot fail a test
     */
    public ConformanceTests failOn(Verdict first, Verdict... more) {
        Set<Verdict> verdicts = EnumSet.of(first, more);
        if (verdicts.contains(Verdict.OK)) {
            throw new IllegalArgumentException("OK cannot fail a test; failOn takes the verdicts that do");
        }
        return new ConformanceTests(target, include, exclude, accepted, verdicts);
    }

    /** Returns these tests, accepting these verdicts for these cases, e.g. a NON-STRICT the server's authors decided on. */
    public ConformanceTests accepting(Map<String, Verdict> verdicts) {
        return new ConformanceTests(target, include, exclude, verdicts, failOn);
    }

    /** Returns one container per section, one test per case; each test runs its case when executed. */
    public Stream<DynamicNode> tests() {
        List<ConformanceCase> selected = CaseSelection.parse(include, exclude).select(AutobahnCatalog.everything());
        Map<String, List<DynamicNode>> sections = new LinkedHashMap<>();
        for (ConformanceCase testCase : selected) {
            String section = testCase.sectionNumber() + " " + testCase.section();
            sections.computeIfAbsent(section, key -> new ArrayList<>()).add(DynamicTest.dynamicTest(
                    testCase.id() + " " + testCase.description(), caseSource(testCase),
                    () -> check(CaseExecutor.run(testCase, target))));
        }
        return sections.entrySet().stream().map(entry -> DynamicContainer.dynamicContainer(entry.getKey(),
                sectionSource(entry.getKey()), entry.getValue().stream()));
    }

    /** A class source named like the section: Surefire makes it a test set of that name (see the class comment). */
    private static URI sectionSource(String section) {
        try {
            return new URI("class", section, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot name a class source after section " + section, e);
        }
    }

    /** The target with the case id as fragment: not a Java method, so Surefire names the test by its display name. */
    private URI caseSource(ConformanceCase testCase) {
        URI endpoint = target.uri();
        try {
            return new URI(endpoint.getScheme(), endpoint.getAuthority(), endpoint.getPath(), endpoint.getQuery(), testCase.id());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot name case " + testCase.id() + " after " + endpoint, e);
        }
    }

    private void check(CaseResult result) {
        Verdict verdict = result.verdict();
        Verdict allowed = accepted.get(result.testCase().id());
        if (verdict == Verdict.OK || verdict == allowed) {
            return;
        }
        String summary = verdict.autobahnName() + ": " + result.reason();
        if (!failOn.contains(verdict)) {
            throw new TestAbortedException(summary);
        }
        StringBuilder message = new StringBuilder(summary).append("\nwire log:\n");
        result.wireLog().forEach(entry -> message.append(entry).append('\n'));
        throw new AssertionFailedError(message.toString());
    }
}

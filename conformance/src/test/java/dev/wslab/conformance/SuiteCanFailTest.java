package dev.wslab.conformance;

import dev.wslab.conformance.FlawedEchoServer.Flaw;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.CaseSelection;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case that cannot fail is a defect. Each flaw of {@link FlawedEchoServer} breaks one rule; the cases
 * for that rule must turn FAILED (or WRONG CODE), and every other case must keep its verdict.
 */
@DisplayName("the suite fails a server that breaks a rule, in the cases for that rule only")
class SuiteCanFailTest {

    /**
     * Sections 12 to 14 need permessage-deflate, which this server lacks: {@code SuiteCanFailOnCompressionTest}
     * and {@code CompressedEchoesTest} have their flaws.
     */
    private static final List<ConformanceCase> CASES = CaseSelection.parse("*", "9.*,12.*,13.*,14.*").select(AutobahnCatalog.everything());
    private static Map<String, Verdict> correctServer;

    @BeforeAll
    static void runAgainstTheCorrectServer() throws Exception {
        correctServer = verdicts(EnumSet.noneOf(Flaw.class));
    }

    @Test
    @DisplayName("the flawless server is OK everywhere but 6.4.3/6.4.4 (it validates whole frames) and the informational cases")
    void flawlessServer() {
        assertThat(notOk(correctServer)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "6.4.3", Verdict.NON_STRICT, "6.4.4", Verdict.NON_STRICT,
                "7.1.6", Verdict.INFORMATIONAL, "7.13.1", Verdict.INFORMATIONAL, "7.13.2", Verdict.INFORMATIONAL));
    }

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void eachFlawFailsExactlyTheCasesOfItsRule(Flaw flaw) throws Exception {
        Map<String, Verdict> flawed = verdicts(EnumSet.of(flaw));
        Map<String, Verdict> changed = new TreeMap<>();
        flawed.forEach((id, verdict) -> {
            if (verdict != correctServer.get(id)) {
                changed.put(id, verdict);
            }
        });
        assertThat(changed).as("cases whose verdict changed with " + flaw).isEqualTo(expectedChanges(flaw));
    }

    /** What each flaw must change, written out from the rule it breaks. */
    private static Map<String, Verdict> expectedChanges(Flaw flaw) {
        return switch (flaw) {
            case IGNORES_RESERVED_BITS -> merge(ids(Verdict.FAILED, "3.1", "3.2", "3.3", "3.4", "3.5", "3.6"),
                    ids(Verdict.NON_STRICT, "3.7"));
            case SKIPS_RESERVED_OPCODES -> selected(Verdict.FAILED, "4.*");
            case ACCEPTS_BAD_CONTROL_FRAMES -> merge(ids(Verdict.FAILED, "2.5", "5.1"), ids(Verdict.WRONG_CODE, "7.3.6"));
            case NEVER_PONGS -> ids(Verdict.FAILED, "2.1", "2.2", "2.3", "2.4", "2.6", "2.9", "2.10", "2.11",
                    "5.6", "5.7", "5.8", "5.19", "5.20");
            case LOOSE_FRAGMENTATION -> ids(Verdict.FAILED, "5.9", "5.10", "5.11", "5.12", "5.13", "5.14", "5.15",
                    "5.16", "5.17", "5.18");
            case NO_UTF8_VALIDATION -> invalidUtf8Cases();
            case ACCEPTS_ANY_CLOSE -> merge(ids(Verdict.WRONG_CODE, "7.3.2", "7.5.1"), selected(Verdict.WRONG_CODE, "7.9.*"));
            case CLOSES_WITH_1000 -> casesWhereTheServerMustFail();
            case NO_CLOSE_REPLY -> casesThatEndWithACleanClose();
            // Also where the server answers a malformed Close: both Close frames went, so TCP must close.
            case KEEPS_TCP_OPEN_AFTER_CLOSE -> merge(casesThatEndWithACleanClose(), ids(Verdict.FAILED, "7.3.2", "7.5.1"),
                    selected(Verdict.FAILED, "7.9.*"));
            // To go on echoing after the Close it keeps TCP open, which fails every clean close (§5.5.1);
            // 7.1.6, informational otherwise, fails because a Pong follows the server's Close.
            // 7.1.6: the Pong after its own Close is odd, not forbidden (§5.5.1 forbids only data frames): NON-STRICT
            case ECHOES_AFTER_CLOSE -> merge(casesThatEndWithACleanClose(), ids(Verdict.NON_STRICT, "7.1.6"));
            // wslab's own case 0.18 sends an unmasked frame (§5.1); so do probe 20.24 (ProbeRunnerTest) and the
            // property-based violations (NewViolationsPropertyTest).
            case ACCEPTS_UNMASKED_FRAMES -> ids(Verdict.FAILED, "0.18");
            case ACCEPTS_ANY_HANDSHAKE -> CASES.stream()
                    .filter(c -> c.handshake().filter(h -> h.expected() != dev.wslab.conformance.HandshakeCheck.Answer.ACCEPT).isPresent())
                    .collect(Collectors.toMap(ConformanceCase::id, c -> Verdict.FAILED, (a, b) -> a, TreeMap::new));
        };
    }

    private static Map<String, Verdict> invalidUtf8Cases() {
        Map<String, Verdict> expected = new TreeMap<>();
        for (ConformanceCase testCase : CASES) {
            if (testCase.sectionNumber() == 6 && testCase.expectation().close().codes().contains(1007)) {
                expected.put(testCase.id(), Verdict.FAILED);
            }
        }
        assertThat(expected).hasSize(6 + 2 + 4 + 2 + 3 + 1 + 8 + 5 + 10 + 1 + 3 + 5 + 5 + 5 + 7 + 8);
        return expected;
    }

    private static Map<String, Verdict> casesWhereTheServerMustFail() {
        Map<String, Verdict> expected = new TreeMap<>();
        for (ConformanceCase testCase : CASES) {
            var close = testCase.expectation().close();
            if (close.closer() == Expectation.Closer.SERVER && close.ending() == Expectation.Ending.CLOSE_OR_DROP
                    && !testCase.expectation().informational()) {
                expected.put(testCase.id(), Verdict.WRONG_CODE);
            }
        }
        return expected;
    }

    private static Map<String, Verdict> casesThatEndWithACleanClose() {
        Map<String, Verdict> expected = new TreeMap<>();
        for (ConformanceCase testCase : CASES) {
            boolean opens = testCase.handshake().map(h -> h.expected() == dev.wslab.conformance.HandshakeCheck.Answer.ACCEPT)
                    .orElse(true);
            if (opens && testCase.expectation().close().ending() == Expectation.Ending.CLOSING_HANDSHAKE) {
                expected.put(testCase.id(), Verdict.FAILED);
            }
        }
        return expected;
    }

    private static Map<String, Verdict> ids(Verdict verdict, String... ids) {
        Map<String, Verdict> map = new TreeMap<>();
        for (String id : ids) {
            map.put(id, verdict);
        }
        return map;
    }

    private static Map<String, Verdict> selected(Verdict verdict, String pattern) {
        return CaseSelection.parse(pattern, "").select(CASES).stream()
                .collect(Collectors.toMap(ConformanceCase::id, c -> verdict, (a, b) -> a, TreeMap::new));
    }

    @SafeVarargs
    private static Map<String, Verdict> merge(Map<String, Verdict>... maps) {
        Map<String, Verdict> all = new TreeMap<>();
        for (Map<String, Verdict> map : maps) {
            all.putAll(map);
        }
        return all;
    }

    private static Map<String, Verdict> notOk(Map<String, Verdict> verdicts) {
        Map<String, Verdict> notOk = new TreeMap<>();
        verdicts.forEach((id, verdict) -> {
            if (verdict != Verdict.OK) {
                notOk.put(id, verdict);
            }
        });
        return notOk;
    }

    private static Map<String, Verdict> verdicts(Set<Flaw> flaws) throws Exception {
        try (FlawedEchoServer server = new FlawedEchoServer(flaws)) {
            List<CaseResult> results = ConformanceRunner.run(CASES,
                    Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/")).withTimeScale(TestTiming.SCALE), 32, result -> { });
            Map<String, Verdict> verdicts = new TreeMap<>();
            results.forEach(result -> verdicts.put(result.testCase().id(), result.verdict()));
            return verdicts;
        }
    }
}

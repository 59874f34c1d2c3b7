package dev.wslab.conformance;

import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.report.Baseline;
import dev.wslab.conformance.run.CaseSelection;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the suite (all but section 9) against Netty 4.1's {@code WebSocketServerProtocolHandler} echo
 * ({@link NettyEchoServer}), a second real third-party server beside Undertow, and compares the verdicts
 * with the committed baseline {@code src/test/resources/baselines/netty.json}. Every verdict in it but OK
 * is explained by {@link #EXPLAINED}: the clause Netty's behaviour falls under, and what Netty did.
 *
 * <p>A change means Netty or the suite changed: look at the report, then, if the new verdicts are right,
 * regenerate the baseline with one command and mend {@link #EXPLAINED} where the test says so:
 * <pre>
 * mvn -o -q -B -pl conformance -am test -Dtest=NettyBaselineTest -Dsurefire.failIfNoSpecifiedTests=false -Dwslab.updateBaseline=true
 * </pre>
 */
@DisplayName("the suite against Netty 4.1, compared with the committed baseline, each deviation explained")
class NettyBaselineTest {

    private static final Path BASELINE = Path.of("src/test/resources/baselines/netty.json");

    /** A group of cases with the same non-OK verdict for the same reason. */
    private record Explanation(String cases, Verdict verdict, String clause) {
    }

    /** Netty's deviations, by the clause they fall under; the cases are patterns as for {@code --cases}. */
    private static final List<Explanation> EXPLAINED = List.of(
            new Explanation("0.6,0.10,0.11", Verdict.FAILED, "§4.2.1: a handshake that does not match the description"
                    + " (a key that is not 16 bytes in base64, HTTP/1.0, no Host) \"the server MUST stop processing\";"
                    + " Netty answered 101 to each"),
            new Explanation("0.7", Verdict.FAILED, "§4.2.1, §4.4: a version the server does not implement gets an error"
                    + " listing 13; Netty still implements the draft-08 handshake and answered 101 to version 8"),
            new Explanation("0.17", Verdict.FAILED, "§4.2.2, §6.2: once the server sent its 101, the frames that follow"
                    + " are the connection's data; Netty lost the text frame that came in the same write as the request,"
                    + " echoed nothing and closed with 1000"),
            new Explanation("0.18,2.5,3.*,4.*,5.*,6.*,7.3.2,7.3.6", Verdict.NON_STRICT, "§5.5.1 forbids only data frames"
                    + " after a Close (\"The application MUST NOT send any more data frames after sending a Close"
                    + " frame\"), and §1.4's \"does not send any further data\" is not normative: Netty fails the connection"
                    + " with the right code (1002, 1007), then sends a second Close, 1000 \"Bye\": odd, not forbidden"),
            new Explanation("7.5.1", Verdict.WRONG_CODE, "§8.1: a Close reason that is not UTF-8 means \"that endpoint MUST"
                    + " _Fail the WebSocket Connection_\" (1007, or 1002); Netty answered with 1000 \"Bye\""),
            new Explanation("7.9.*", Verdict.WRONG_CODE, "§7.4.1, §7.4.2: a Close with a code that may not be sent (0-999,"
                    + " 1004-1006, 1015, 1016-2999) is a protocol error, 1002; Netty answered with 1000 \"Bye\""),
            new Explanation("7.13.1,7.13.2", Verdict.FAILED, "§5.5.1: a Close body \"MUST be a 2-byte unsigned integer"
                    + " ... representing a status code with value /code/ defined in Section 7.4\", whose ranges end at"
                    + " 4999: Netty sent the client's code (5000, 65535) back in its answering Close"),
            new Explanation("7.1.6", Verdict.INFORMATIONAL, "§5.5.1 leaves open whether messages before a Close are"
                    + " still echoed; Netty echoed both, then closed with 1000"));

    @Test
    void verdictsMatchTheBaseline() throws Exception {
        List<CaseResult> results;
        try (NettyEchoServer netty = new NettyEchoServer()) {
            // Sections 12 to 14 need permessage-deflate, which this echo server is not set up with.
            List<ConformanceCase> cases = CaseSelection.parse("*", "9.*,12.*,13.*,14.*").select(AutobahnCatalog.everything());
            results = ConformanceRunner.run(cases, Target.of(URI.create(netty.uri())).withTimeScale(TestTiming.SCALE), 16, result -> { });
        }
        results.stream().filter(r -> r.verdict() != Verdict.OK)
                .forEach(r -> System.out.println("NETTY " + r.testCase().id() + " " + r.verdict() + " " + r.reason()));
        if (Boolean.getBoolean("wslab.updateBaseline")) {
            Baseline.write(BASELINE, results);
        }
        Map<String, String> baseline = Baseline.read(BASELINE);
        assertThat(Baseline.changes(baseline, results)).as("verdicts that changed against " + BASELINE).isEmpty();
        assertThat(baseline).as("the baseline records Netty's known deviations").isNotEmpty();
    }

    @Test
    @DisplayName("every verdict but OK in the baseline is explained by exactly one clause, and every explanation is used")
    void everyDeviationIsExplained() throws Exception {
        Map<String, String> baseline = Baseline.read(BASELINE);
        Map<String, List<String>> explanationsPerCase = new TreeMap<>(ConformanceCase::compareIds);
        for (Explanation explanation : EXPLAINED) {
            List<String> ids = CaseSelection.parse(explanation.cases(), "").select(AutobahnCatalog.everything()).stream()
                    .map(ConformanceCase::id).filter(baseline::containsKey).toList();
            assertThat(ids).as("cases %s explained by \"%s\"", explanation.cases(), explanation.clause()).isNotEmpty();
            for (String id : ids) {
                assertThat(baseline.get(id)).as("the verdict of %s, explained by \"%s\"", id, explanation.clause())
                        .isEqualTo(explanation.verdict().autobahnName());
                explanationsPerCase.computeIfAbsent(id, key -> new java.util.ArrayList<>()).add(explanation.clause());
            }
        }
        assertThat(explanationsPerCase.keySet()).as("cases of the baseline with an explanation").containsExactlyInAnyOrderElementsOf(baseline.keySet());
        assertThat(explanationsPerCase).allSatisfy((id, clauses) -> assertThat(clauses).as(id).hasSize(1));
    }
}

package dev.wslab.conformance.run;

import dev.wslab.conformance.FlawedEchoServer;
import dev.wslab.conformance.TestTiming;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("robustness probes, each followed by a liveness check")
class ProbeRunnerTest {

    private static Map<String, Verdict> verdicts(List<CaseResult> results) {
        Map<String, Verdict> verdicts = new TreeMap<>();
        results.forEach(result -> verdicts.put(result.testCase().id(), result.verdict()));
        return verdicts;
    }

    @Test
    @DisplayName("wslab's reference server survives every probe and still serves fresh connections")
    void referenceServer() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            List<CaseResult> results = ProbeRunner.run(RobustnessProbes.cases(),
                    Target.of(URI.create(server.uri("/"))).withTimeScale(TestTiming.SCALE), result -> { });
            Map<String, String> reasons = new TreeMap<>();
            results.forEach(result -> reasons.put(result.testCase().id(), result.reason()));
            Map<String, Verdict> expected = new TreeMap<>();
            for (String id : List.of("20.1", "20.2", "20.3", "20.7", "20.15", "20.16", "20.17", "20.24", "20.27", "20.29")) {
                expected.put(id, Verdict.OK);
            }
            expected.put("20.18", Verdict.INFORMATIONAL); // §5.2 binds the sender; wslab rejects, others may not
            expected.put("20.21", Verdict.INFORMATIONAL); // the server may wait for the end of the message
            assertThat(verdicts(results)).as("%s", reasons).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a server that does not check masking fails the unmasked-frame probe")
    void probesCanFail() throws Exception {
        try (FlawedEchoServer server = new FlawedEchoServer(EnumSet.noneOf(FlawedEchoServer.Flaw.class))) {
            List<CaseResult> results = ProbeRunner.run(
                    RobustnessProbes.cases().stream().filter(c -> c.id().equals("20.24")).toList(),
                    Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/")).withTimeScale(TestTiming.SCALE),
                    result -> { });
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
                assertThat(result.reason()).contains("pong");
            });
        }
    }
}

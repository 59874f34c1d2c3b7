package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.FlawedEchoServer;
import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.ProbeServers;
import dev.wslab.conformance.TestTiming;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.report.Baseline;
import dev.wslab.conformance.wire.Target;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("robustness probes, each followed by a liveness check")
class ProbeRunnerTest {

    /** wslab's verdicts, pinned for the docs' results table: the probes that record rather than judge. */
    private static final Path PINNED = Path.of("src/test/resources/baselines/reference-probes.json");

    @Test
    @DisplayName("wslab's server passes every judged probe of section 20 and still serves fresh connections")
    void referenceServer() throws Exception {
        List<ConformanceCase> probes = RobustnessProbes.cases(ProbeServers.BOUNDS);
        // Time scale 2, not 3: every judged probe ends as soon as the server reacts, and it reacts at once.
        try (WebSocketServer server = ProbeServers.wslab()) {
            List<CaseResult> results = ProbeRunner.run(probes,
                    Target.of(URI.create(server.uri("/"))).withTimeScale(2), result -> { });
            if (Boolean.getBoolean("wslab.updateBaseline")) {
                Baseline.write(PINNED, results);
            }
            Map<String, String> reasons = new TreeMap<>();
            results.forEach(result -> reasons.put(result.testCase().id(), result.reason()));
            Map<String, Verdict> expected = new TreeMap<>();
            for (ConformanceCase probe : probes) {
                expected.put(probe.id(), recordsOnly(probe) ? Verdict.INFORMATIONAL : Verdict.OK);
            }
            assertThat(verdicts(results)).as("%s", reasons).isEqualTo(expected);
            assertThat(Baseline.changes(Baseline.read(PINNED), results)).as("changes against " + PINNED).isEmpty();
        }
    }

    /** Whether the RFC leaves the probe's outcome to the server, so that it records instead of judging. */
    private static boolean recordsOnly(ConformanceCase probe) {
        return probe.expectation().informational()
                || probe.handshake().filter(h -> h.expected() == HandshakeCheck.Answer.RECORDED).isPresent();
    }

    @Test
    @DisplayName("a server that does not check masking fails the unmasked-frame probe")
    void probesCanFail() throws Exception {
        try (FlawedEchoServer server = new FlawedEchoServer(EnumSet.of(FlawedEchoServer.Flaw.ACCEPTS_UNMASKED_FRAMES))) {
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

    private static Map<String, Verdict> verdicts(List<CaseResult> results) {
        Map<String, Verdict> verdicts = new TreeMap<>();
        results.forEach(result -> verdicts.put(result.testCase().id(), result.verdict()));
        return verdicts;
    }
}

package dev.wslab.conformance;

import dev.wslab.conformance.catalog.ProbeBounds;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.report.Baseline;
import dev.wslab.conformance.run.ProbeRunner;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the robustness probes against Undertow's WebSocket echo with Undertow's defaults, and compares the
 * verdicts with the committed baseline, which the docs' results table shows. A change means Undertow or a
 * probe changed: look at the output, then update the baseline with {@code -Dwslab.updateBaseline=true} if
 * the new verdicts are right.
 */
@DisplayName("the robustness probes against Undertow, compared with the committed baseline")
class UndertowProbesBaselineTest {

    private static final Path BASELINE = Path.of("src/test/resources/baselines/undertow-probes.json");

    @Test
    void verdictsMatchTheBaseline() throws Exception {
        try (UndertowEchoServer undertow = new UndertowEchoServer()) {
            // Time scale 1 and 1 s of patience: where Undertow does not close, waiting longer would not change
            // the verdict (it has no handshake deadline and no idle timeout by default).
            ProbeBounds bounds = new ProbeBounds(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    ProbeServers.BOUNDS.trickleInterval(), ProbeServers.BOUNDS.floodBytes(),
                    ProbeServers.BOUNDS.floodFragments());
            List<CaseResult> results = ProbeRunner.run(RobustnessProbes.cases(bounds),
                    Target.of(URI.create(undertow.uri())), result -> { });
            results.stream().filter(r -> r.verdict() != Verdict.OK).forEach(r -> System.out.printf(
                    "UNDERTOW %-8s %-13s %s%n", r.testCase().id(), r.verdict().autobahnName(), r.reason()));
            if (Boolean.getBoolean("wslab.updateBaseline")) {
                Baseline.write(BASELINE, results);
            }
            Map<String, String> baseline = Baseline.read(BASELINE);
            assertThat(Baseline.changes(baseline, results)).as("verdicts that changed against " + BASELINE).isEmpty();
            assertThat(baseline).as("the baseline records Undertow's known weaknesses").containsValue("FAILED");
        }
    }
}

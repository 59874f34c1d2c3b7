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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the suite against Undertow's WebSocket echo server, a real third-party server started here, and
 * compares the verdicts with the committed baseline. A change means Undertow or the suite changed: look
 * at the report, then update the baseline with {@code -Dwslab.updateBaseline=true} if the new verdicts are right.
 */
@DisplayName("the suite against Undertow, compared with the committed baseline")
class UndertowBaselineTest {

    private static final Path BASELINE = Path.of("src/test/resources/baselines/undertow.json");

    @Test
    void verdictsMatchTheBaseline() throws Exception {
        try (UndertowEchoServer undertow = new UndertowEchoServer()) {
            // Sections 12 to 14 need permessage-deflate, which this echo server is not set up with.
            List<ConformanceCase> cases = CaseSelection.parse("*", "9.*,12.*,13.*,14.*").select(AutobahnCatalog.everything());
            List<CaseResult> results = ConformanceRunner.run(cases,
                    Target.of(URI.create(undertow.uri())).withTimeScale(TestTiming.SCALE), 16, result -> { });
            results.stream().filter(r -> r.verdict() != Verdict.OK).forEach(r -> System.out.println("UNDERTOW " + r.testCase().id() + " " + r.verdict() + " " + r.reason()));
            if (Boolean.getBoolean("wslab.updateBaseline")) {
                Baseline.write(BASELINE, results);
            }
            Map<String, String> baseline = Baseline.read(BASELINE);
            assertThat(Baseline.changes(baseline, results)).as("verdicts that changed against " + BASELINE).isEmpty();
            assertThat(baseline).as("the baseline records Undertow's known deviations").isNotEmpty();
        }
        assertThat(Files.exists(BASELINE)).isTrue();
    }
}

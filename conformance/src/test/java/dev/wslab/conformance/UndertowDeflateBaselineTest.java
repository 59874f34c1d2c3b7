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
 * Runs the compression sections against Undertow with its permessage-deflate turned on
 * ({@code PerMessageDeflateHandshake}), a second, third-party baseline beside wslab's own server, and
 * compares the verdicts with the committed baseline, as {@link UndertowBaselineTest} does for the rest. A
 * new compression section joins by adding its pattern to {@link #SECTIONS}; update the baseline with
 * {@code -Dwslab.updateBaseline=true} once its verdicts are checked.
 *
 * <p>Undertow compresses at zlib's fastest level here: the level changes the bytes, not what an echo must
 * be, and at level 6 the server's compressing of some 10 GB of echoes would be most of {@code ./test}'s time.
 */
@DisplayName("the compression sections against Undertow with permessage-deflate, compared with the committed baseline")
class UndertowDeflateBaselineTest {

    /** The sections that offer permessage-deflate. */
    private static final List<String> SECTIONS = List.of("12.*", "13.*");
    private static final Path BASELINE = Path.of("src/test/resources/baselines/undertow-deflate.json");
    private static final int FASTEST = 1;

    @Test
    void verdictsMatchTheBaseline() throws Exception {
        try (UndertowEchoServer undertow = UndertowEchoServer.deflating(FASTEST)) {
            List<ConformanceCase> cases = CaseSelection.parse(String.join(",", SECTIONS), "")
                    .select(AutobahnCatalog.everything());
            List<CaseResult> results = ConformanceRunner.run(cases,
                    Target.of(URI.create(undertow.uri())).withTimeScale(TestTiming.SCALE), 8, result -> { });
            results.stream().filter(r -> r.verdict() != Verdict.OK).forEach(r -> System.out.println("UNDERTOW-DEFLATE "
                    + r.testCase().id() + " " + r.verdict() + " " + r.reason()));
            if (Boolean.getBoolean("wslab.updateBaseline")) {
                Baseline.write(BASELINE, results);
            }
            Map<String, String> baseline = Baseline.read(BASELINE);
            assertThat(results).hasSize(216);
            assertThat(Baseline.changes(baseline, results)).as("verdicts that changed against " + BASELINE).isEmpty();
        }
        assertThat(Files.exists(BASELINE)).isTrue();
    }
}

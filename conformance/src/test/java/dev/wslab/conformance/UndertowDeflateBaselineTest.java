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
 * {@code -Dwslab.updateBaseline=true -Dwslab.fullCompression=true} once its verdicts are checked.
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
    /**
     * Sections 12 and 13 move some 10 GB of messages: all of them run with {@code -Dwslab.fullCompression=true}
     * (about 9 minutes on a 2-core machine). By default, the cases of messages up to 64 KiB in one frame
     * (x.y.1 to x.y.9) run: the others differ only in size and fragmentation, and the full run pinned the
     * same verdicts for them (all OK, but 13.3.x and 13.5.x, which fail at the handshake).
     */
    private static final boolean FULL = Boolean.getBoolean("wslab.fullCompression");

    @Test
    void verdictsMatchTheBaseline() throws Exception {
        try (UndertowEchoServer undertow = UndertowEchoServer.deflating(FASTEST)) {
            List<ConformanceCase> all = CaseSelection.parse(String.join(",", SECTIONS), "")
                    .select(AutobahnCatalog.everything());
            List<ConformanceCase> cases = FULL ? all : all.stream().filter(c -> caseNumber(c) <= 9).toList();
            List<CaseResult> results = ConformanceRunner.run(cases,
                    Target.of(URI.create(undertow.uri())).withTimeScale(TestTiming.SCALE), 8, result -> { });
            results.stream().filter(r -> r.verdict() != Verdict.OK).forEach(r -> System.out.println("UNDERTOW-DEFLATE "
                    + r.testCase().id() + " " + r.verdict() + " " + r.reason()));
            if (Boolean.getBoolean("wslab.updateBaseline")) {
                assertThat(FULL).as("the baseline is written from a full run: add -Dwslab.fullCompression=true").isTrue();
                Baseline.write(BASELINE, results);
            }
            Map<String, String> baseline = Baseline.read(BASELINE);
            assertThat(all).hasSize(216);
            assertThat(results).hasSize(FULL ? 216 : 12 * 9);
            assertThat(Baseline.changes(baseline, results)).as("verdicts that changed against " + BASELINE).isEmpty();
        }
        assertThat(Files.exists(BASELINE)).isTrue();
    }

    /** The last part of a case's id: its variant of size and fragmentation, 1 to 18. */
    private static int caseNumber(ConformanceCase testCase) {
        return Integer.parseInt(testCase.id().substring(testCase.id().lastIndexOf('.') + 1));
    }
}

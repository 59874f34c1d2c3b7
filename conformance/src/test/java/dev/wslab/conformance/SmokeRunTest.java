package dev.wslab.conformance;

import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.CaseSelection;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.run.Summary;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeRunTest {

    @Test
    void smoke() throws Exception {
        try (SmokeEchoServer server = new SmokeEchoServer()) {
            List<ConformanceCase> cases = CaseSelection.parse(System.getProperty("cases", "*"), System.getProperty("exclude", "9.*")).select(AutobahnCatalog.all());
            long start = System.nanoTime();
            List<CaseResult> results = ConformanceRunner.run(cases, Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/")),
                    16, result -> { });
            System.out.println(Summary.table(results));
            System.out.printf("%d cases in %.1f s%n", results.size(), (System.nanoTime() - start) / 1e9);
            for (CaseResult result : results) {
                if (result.verdict() != Verdict.OK) {
                    System.out.println(result.testCase().id() + " " + result.verdict() + ": " + result.reason());
                }
            }
            assertThat(results).isNotEmpty();
        }
    }
}

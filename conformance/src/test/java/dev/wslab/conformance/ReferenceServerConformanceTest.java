package dev.wslab.conformance;

import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.CaseSelection;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.wire.Target;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole catalog against wslab's own server: OK everywhere, but where the RFC allows otherwise. */
@DisplayName("wslab's reference server passes the whole catalog")
class ReferenceServerConformanceTest {

    /**
     * The only verdicts other than OK, each allowed by the RFC: 7.1.6 and 7.13.x are informational. The cases
     * that send a valid message and then a broken frame (3.2-3.4, 4.x.3-4.x.5, 5.15) are OK whether or not
     * both arrive in one read: the session delivers the message and sends the handler's echo before the
     * Close that fails the connection.
     */
    private static final Map<String, Verdict> ALLOWED = Map.ofEntries(
            Map.entry("7.1.6", Verdict.INFORMATIONAL), Map.entry("7.13.1", Verdict.INFORMATIONAL),
            Map.entry("7.13.2", Verdict.INFORMATIONAL),
            // Section 14: RFC 7692 leaves open what follows a final block (14.2.8), and records whether the
            // server compresses (14.5.1) and takes its context over (14.5.3), which it may.
            Map.entry("14.2.8", Verdict.INFORMATIONAL), Map.entry("14.5.1", Verdict.INFORMATIONAL),
            Map.entry("14.5.3", Verdict.INFORMATIONAL));

    @Test
    void everyCaseIsOkOrAllowedByTheRfc() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            List<ConformanceCase> cases = CaseSelection.ALL.select(AutobahnCatalog.everything());
            List<CaseResult> results = ConformanceRunner.run(cases, Target.of(URI.create(server.uri("/"))).withTimeScale(TestTiming.SCALE), 8, r -> { });
            Map<String, Verdict> notOk = new TreeMap<>();
            Map<String, String> reasons = new TreeMap<>();
            for (CaseResult result : results) {
                if (result.verdict() != Verdict.OK) {
                    notOk.put(result.testCase().id(), result.verdict());
                    reasons.put(result.testCase().id(), result.reason());
                }
            }
            assertThat(results).hasSize(322 + 216 + 36); // sections 0-10, then 12 and 13 (compression), then 14
            assertThat(notOk).as("verdicts other than OK: %s", reasons).isEqualTo(new TreeMap<>(ALLOWED));
        }
    }
}

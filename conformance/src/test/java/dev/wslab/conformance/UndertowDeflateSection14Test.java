package dev.wslab.conformance;

import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 14 against a real server with permessage-deflate on: Undertow's echo with its
 * {@code PerMessageDeflateHandshake} at level 6 ({@link UndertowEchoServer#deflating}). What Autobahn's sections 12 and 13 cannot see, section 14 does.
 */
@DisplayName("section 14 against Undertow with permessage-deflate: the flaws Autobahn cannot see")
class UndertowDeflateSection14Test {

    /** Undertow's verdicts other than OK, each explained. */
    private static final Map<String, Verdict> EXPECTED = new TreeMap<>(Map.ofEntries(
            // RFC 7692 §7: it accepts offers it must decline (a duplicated name, values out of range or on a flag)
            Map.entry("14.1.2", Verdict.FAILED), Map.entry("14.1.3", Verdict.FAILED), Map.entry("14.1.4", Verdict.FAILED),
            Map.entry("14.1.5", Verdict.FAILED), Map.entry("14.1.6", Verdict.FAILED), Map.entry("14.1.7", Verdict.FAILED),
            // It accepts server_max_window_bits=10 without the parameter (§7.1.2.1): the window offered is not kept,
            // and 14.5.4's offer of 9 gets the same answer, which the suite must refuse, so that case cannot start
            Map.entry("14.1.11", Verdict.FAILED), Map.entry("14.5.4", Verdict.FAILED),
            // §6.1: RSV1 on a continuation is ignored; a Ping with RSV1 is "inflated" and its garbage sent back in the
            // Pong; a Pong with RSV1 ignored; a Close with RSV1 answered normally (1000), not failed (1002)
            Map.entry("14.2.1", Verdict.FAILED), Map.entry("14.2.2", Verdict.FAILED), Map.entry("14.2.3", Verdict.FAILED),
            Map.entry("14.2.4", Verdict.WRONG_CODE),
            // RFC 7692 leaves open what follows a final block
            Map.entry("14.2.8", Verdict.INFORMATIONAL),
            // No limit on an inflated message by default: each bomb is inflated in full and echoed (a policy miss)
            Map.entry("14.3.1", Verdict.UNSAFE), Map.entry("14.3.2", Verdict.UNSAFE), Map.entry("14.3.3", Verdict.UNSAFE),
            // Recorded: it compresses (ratio about 0.11), and resets its context after every message
            Map.entry("14.5.1", Verdict.INFORMATIONAL), Map.entry("14.5.3", Verdict.INFORMATIONAL)));

    @Test
    void verdicts() throws Exception {
        try (UndertowEchoServer undertow = UndertowEchoServer.deflating(6)) {
            Map<String, Verdict> notOk = new TreeMap<>();
            Map<String, String> reasons = new TreeMap<>();
            for (CaseResult result : ConformanceRunner.run(AutobahnCatalog.compressionBeyondAutobahn(),
                    Target.of(URI.create(undertow.uri())).withTimeScale(TestTiming.SCALE), 4, r -> { })) {
                if (result.verdict() != Verdict.OK) {
                    notOk.put(result.testCase().id(), result.verdict());
                    reasons.put(result.testCase().id(), result.reason());
                }
            }
            assertThat(notOk).as("Undertow's verdicts other than OK: %s", reasons).isEqualTo(EXPECTED);
        }
    }
}

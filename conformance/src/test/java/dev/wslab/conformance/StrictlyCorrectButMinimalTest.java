package dev.wslab.conformance;

import dev.wslab.conformance.FlawedEchoServer.Profile;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.catalog.ProbeBounds;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.catalog.StatedLimits;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.run.ProbeRunner;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that keeps every MUST of RFC 6455 and no more (no heartbeats, no idle timeout, no rate limit, a
 * 16 MiB message limit) is not failed by the suite: the policies it lacks are the server's to choose
 * (§10.4), so the probes that rest on them say UNSAFE, and with the server's limits stated, OK or
 * INFORMATIONAL.
 */
@DisplayName("a strictly correct but minimal server: no RFC failure, its policy misses UNSAFE")
class StrictlyCorrectButMinimalTest {

    /**
     * Reduced bounds, each chosen so that the check means what it does with {@link ProbeBounds#DEFAULTS}:
     * the handshake patience (1.6 s) is still beyond the server's 1 s handshake deadline, so the slowloris and
     * silent probes see the server's own deadline act, and the trickle (200 ms) stays shorter than it; the idle
     * patience only bounds the wait for a timeout this server does not have, so 1.6 s and 60 s give the same
     * outcome (it stays open). The floods are smaller on purpose: 2 MiB lies under the server's 16 MiB limit, so
     * the server buffers it and the probe misses its assumed limit (the UNSAFE path, which the 64 MiB default,
     * over 16 MiB, would not reach: the server would close with 1009); 1,000 fragments, like 1,000,000, are
     * one-byte fragments far under 16 MiB, accepted either way. The test asserts no FAILED in both runs.
     */
    private static final ProbeBounds BOUNDS = new ProbeBounds(Duration.ofMillis(1600), Duration.ofMillis(1600),
            Duration.ofMillis(200), 2 << 20, 1000);

    /** What its user states: no idle timeout (nor heartbeat), and the 16 MiB message limit. */
    private static final StatedLimits STATED = new StatedLimits(new Limit.Unstated<>(), new Limit.None<>(),
            new Limit.AtMost<>(16L << 20), new Limit.Unstated<>(), new Limit.Unstated<>());

    @Test
    @DisplayName("the default run, section 9 included, has no FAILED and no WRONG CODE")
    void defaultRun() throws Exception {
        try (FlawedEchoServer server = new FlawedEchoServer(Profile.STRICTLY_CORRECT_BUT_MINIMAL)) {
            List<CaseResult> results = ConformanceRunner.run(AutobahnCatalog.everything(), target(server), 8, r -> { });
            assertThat(results).hasSize(AutobahnCatalog.everything().size());
            assertThat(failures(results)).as("RFC failures").isEmpty();
        }
    }

    @Test
    @DisplayName("--probes: no FAILED; the idle timeout it lacks and the 2 MiB flood it buffers are UNSAFE")
    void probesWithTheLimitsAssumed() throws Exception {
        try (FlawedEchoServer server = new FlawedEchoServer(Profile.STRICTLY_CORRECT_BUT_MINIMAL)) {
            List<CaseResult> results = ProbeRunner.run(RobustnessProbes.cases(BOUNDS), target(server), r -> { });
            assertThat(failures(results)).as("RFC failures").isEmpty();
            Map<String, Verdict> unsafe = verdicts(results, Verdict.UNSAFE);
            assertThat(unsafe).as("UNSAFE probes").isEqualTo(Map.of("20.19", Verdict.UNSAFE, "20.23", Verdict.UNSAFE));
            assertThat(results).filteredOn(r -> r.verdict() == Verdict.UNSAFE).allSatisfy(r ->
                    assertThat(r.reason()).contains("not an RFC failure").contains("state the server's own with --expect-"));
        }
    }

    @Test
    @DisplayName("--probes with --expect-idle-timeout none --expect-max-message 16MiB: every probe OK or INFORMATIONAL,"
            + " the decompression bombs UNIMPLEMENTED (it has no compression)")
    void probesWithTheLimitsStated() throws Exception {
        try (FlawedEchoServer server = new FlawedEchoServer(Profile.STRICTLY_CORRECT_BUT_MINIMAL)) {
            List<CaseResult> results = ProbeRunner.run(RobustnessProbes.cases(BOUNDS, STATED), target(server), r -> { });
            Map<String, String> reasons = new TreeMap<>();
            results.stream().filter(r -> r.verdict() != Verdict.OK && r.verdict() != Verdict.INFORMATIONAL)
                    .filter(r -> r.testCase().offer().isEmpty() || r.verdict() != Verdict.UNIMPLEMENTED)
                    .forEach(r -> reasons.put(r.testCase().id(), r.verdict() + ": " + r.reason()));
            assertThat(reasons).as("probes neither OK nor INFORMATIONAL, nor compressed ones UNIMPLEMENTED").isEmpty();
            assertThat(verdicts(results, Verdict.UNIMPLEMENTED)).as("the server declines permessage-deflate")
                    .containsOnlyKeys("20.36", "20.37.1", "20.37.2");
            // The stated limit is checked, not just accepted: the flood crosses it and the server closes with 1009.
            assertThat(results).filteredOn(r -> r.testCase().id().equals("20.19")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.OK);
                assertThat(r.observation().closeReceived()).hasValueSatisfying(status ->
                        assertThat(status.code().value()).isEqualTo(1009));
            });
            assertThat(verdicts(results, Verdict.INFORMATIONAL)).containsKeys("20.23", "20.35");
        }
    }

    private static Target target(FlawedEchoServer server) {
        return Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/")).withTimeScale(TestTiming.SCALE);
    }

    private static Map<String, String> failures(List<CaseResult> results) {
        Map<String, String> failures = new TreeMap<>();
        results.stream().filter(r -> r.verdict().isFailure())
                .forEach(r -> failures.put(r.testCase().id(), r.verdict().autobahnName() + ": " + r.reason()));
        return failures;
    }

    private static Map<String, Verdict> verdicts(List<CaseResult> results, Verdict verdict) {
        Map<String, Verdict> matching = new TreeMap<>();
        results.stream().filter(r -> r.verdict() == verdict).forEach(r -> matching.put(r.testCase().id(), verdict));
        return matching;
    }
}

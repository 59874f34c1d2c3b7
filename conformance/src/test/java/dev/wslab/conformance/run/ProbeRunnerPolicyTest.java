package dev.wslab.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.judge.Reasons;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a probe's outcome becomes a verdict: a miss of the policy the probe assumed (§10.4 leaves it to the server) is
 * UNSAFE, never an RFC failure; a rule of RFC 6455 broken in what the server sent stays FAILED, as does every miss of
 * a probe that checks MUSTs alone.
 */
@DisplayName("ProbeRunner: policy misses are UNSAFE, broken MUSTs FAILED")
class ProbeRunnerPolicyTest {

    /** 20.23, a stalled frame: rests on the idle-timeout policy. */
    private static final ConformanceCase IDLE_TIMEOUT_PROBE = probe("20.23");
    /** 20.24, an unmasked frame: the §5.1 MUST alone, no policy. */
    private static final ConformanceCase MUST_PROBE = probe("20.24");

    private static final Observation KEPT_OPEN = new Observation(List.of(), Optional.empty(), Observation.SuiteClose.SENT, Observation.Tcp.CLOSED,
            Optional.empty(), Observation.TcpAfterHandshake.NOT_LEFT_OPEN);
    private static final Observation SENT_MASKED_FRAME = new Observation(List.of(), Optional.empty(), Observation.SuiteClose.SENT, Observation.Tcp.CLOSED,
            Optional.of(new Violation(Rule.MASKED_SERVER_FRAME, "")), Observation.TcpAfterHandshake.NOT_LEFT_OPEN);

    record Row(String name, ConformanceCase probe, Verdict judged, Observation observation, Verdict expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("a policy probe missed (no idle timeout): UNSAFE", IDLE_TIMEOUT_PROBE, Verdict.FAILED, KEPT_OPEN,
                        Verdict.UNSAFE),
                new Row("a policy probe whose server broke a MUST in what it sent: FAILED", IDLE_TIMEOUT_PROBE,
                        Verdict.FAILED, SENT_MASKED_FRAME, Verdict.FAILED),
                new Row("a policy probe passed: OK", IDLE_TIMEOUT_PROBE, Verdict.OK, KEPT_OPEN, Verdict.OK),
                new Row("a probe of MUSTs alone that the server missed: FAILED", MUST_PROBE, Verdict.FAILED, KEPT_OPEN,
                        Verdict.FAILED),
                new Row("a probe of MUSTs alone passed: OK", MUST_PROBE, Verdict.OK, KEPT_OPEN, Verdict.OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void verdictOfAProbeOutcome(Row row) {
        CaseResult judged = new CaseResult(row.probe(), row.judged(), "judged " + row.judged(), Verdict.OK, "closed",
                row.observation(), List.of(), Duration.ZERO);
        CaseResult result = ProbeRunner.byPolicy(judged);
        assertThat(result.behavior()).isEqualTo(row.expected());
        if (row.expected() == Verdict.UNSAFE) {
            assertThat(result.behaviorReason()).contains("not an RFC failure").contains("the policy assumed is")
                    .contains(Reasons.POLICY_MISSED.clause().citation());
        } else {
            assertThat(result.behaviorReason()).isEqualTo(judged.behaviorReason());
        }
    }

    record LivenessRow(String name, Verdict probeVerdict, Verdict liveVerdict, Verdict expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<LivenessRow> livenessRows() {
        return Stream.of(
                new LivenessRow("probe OK, fresh connection served: OK", Verdict.OK, Verdict.OK, Verdict.OK),
                new LivenessRow("probe UNSAFE, fresh connection served: stays UNSAFE", Verdict.UNSAFE, Verdict.OK,
                        Verdict.UNSAFE),
                new LivenessRow("probe OK, fresh connection not served: FAILED", Verdict.OK, Verdict.FAILED,
                        Verdict.FAILED),
                new LivenessRow("probe UNSAFE, fresh connection not served: FAILED", Verdict.UNSAFE, Verdict.FAILED,
                        Verdict.FAILED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("livenessRows")
    void verdictAfterTheLivenessCheck(LivenessRow row) {
        CaseResult probe = new CaseResult(IDLE_TIMEOUT_PROBE, row.probeVerdict(), "probe " + row.probeVerdict(),
                Verdict.OK, "closed", KEPT_OPEN, List.of(), Duration.ZERO);
        CaseResult live = new CaseResult(IDLE_TIMEOUT_PROBE, row.liveVerdict(), "no echo", Verdict.OK, "closed",
                KEPT_OPEN, List.of(), Duration.ZERO);
        CaseResult result = ProbeRunner.afterLiveness(probe, live);
        assertThat(result.verdict()).isEqualTo(row.expected());
        if (row.liveVerdict() == Verdict.OK) {
            assertThat(result).isSameAs(probe);
        } else {
            assertThat(result.behaviorReason()).startsWith(Reasons.NO_LONGER_SERVES.name()).contains("no echo")
                    .contains("the probe itself: " + probe.behaviorReason());
        }
    }

    @Test
    @DisplayName("a server that no longer serves after a probe is FAILED on §10.4's MUST, quoted; a policy miss on no MUST")
    void reasonsOfTheRunner() {
        assertThat(Reasons.NO_LONGER_SERVES.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(Reasons.NO_LONGER_SERVES.clause().section()).isEqualTo("10.4");
        assertThat(Reasons.NO_LONGER_SERVES.clause().quote()).contains("MUST protect themselves");
        assertThat(Reasons.POLICY_MISSED.verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(Reasons.POLICY_MISSED.clause().keyword()).isNotIn(
                dev.wslab.conformance.judge.Keyword.MUST, dev.wslab.conformance.judge.Keyword.MUST_NOT);
    }

    private static ConformanceCase probe(String id) {
        return RobustnessProbes.cases().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}

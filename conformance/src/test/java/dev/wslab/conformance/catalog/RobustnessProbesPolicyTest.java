package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.HandshakeCheck.Answer;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the robustness probes: each rests on a policy it names, or on MUSTs of RFC 6455 alone")
class RobustnessProbesPolicyTest {

    /** The probes that check MUSTs of RFC 6455 alone (20.18 records the §5.2 minimal-length rule). */
    private static final Set<String> RFC_ONLY = Set.of("20.16", "20.17", "20.18", "20.24", "20.27", "20.29");

    @Test
    @DisplayName("every probe is classified, and each policy probe names the value it assumed and its option")
    void everyProbeIsClassified() {
        for (ConformanceCase probe : RobustnessProbes.cases()) {
            if (RFC_ONLY.contains(probe.id())) {
                assertThat(RobustnessProbes.policy(probe)).as(probe.id()).isEmpty();
                continue;
            }
            ProbePolicy policy = RobustnessProbes.policy(probe).orElseThrow(() -> new AssertionError(probe.id()
                    + " is neither a policy probe nor RFC-only"));
            // 20.13.x say so in their own words: the answer to a foreign origin is recorded (§10.2).
            if (policy != ProbePolicy.ORIGIN) {
                assertThat(probe.description()).as(probe.id()).contains("Policy assumed").contains(policy.policy())
                        .contains(policy.option().orElse(""));
            }
        }
    }

    @Test
    @DisplayName("the default catalog has no policy but the message limit of section 14's decompression bombs")
    void theCatalogHasNoPolicy() {
        assertThat(AutobahnCatalog.everything()).allSatisfy(testCase ->
                assertThat(RobustnessProbes.policy(testCase)).isEqualTo(testCase.id().matches("14\\.3\\.\\d+")
                        ? java.util.Optional.of(ProbePolicy.MAX_MESSAGE) : java.util.Optional.empty()));
    }

    @Test
    @DisplayName("a stated head limit over the request lets any timely answer do; under it, the request must be refused")
    void statedHeaderSize() {
        assertThat(answers(stated(new Limit.AtMost<>(2L << 20), new Limit.Unstated<>()), "20.1", "20.2", "20.3"))
                .containsExactly(Answer.ANY_ANSWER, Answer.ANY_ANSWER, Answer.ANY_ANSWER);
        assertThat(answers(stated(new Limit.AtMost<>(128L << 10), new Limit.Unstated<>()), "20.1", "20.2", "20.3"))
                .containsExactly(Answer.ANY_ANSWER, Answer.REJECT_OR_CLOSE, Answer.REJECT_OR_CLOSE);
        assertThat(answers(StatedLimits.UNSTATED, "20.1", "20.2", "20.3"))
                .containsExactly(Answer.REJECT_OR_CLOSE, Answer.REJECT_OR_CLOSE, Answer.REJECT_OR_CLOSE);
    }

    @Test
    @DisplayName("a stated handshake timeout is waited for half as long again; 'none' records")
    void statedHandshakeTimeout() {
        StatedLimits tenSeconds = new StatedLimits(new Limit.AtMost<>(Duration.ofSeconds(10)), new Limit.Unstated<>(),
                new Limit.Unstated<>(), new Limit.Unstated<>(), new Limit.Unstated<>());
        assertThat(probe(tenSeconds, "20.6").deadline()).isEqualTo(Duration.ofSeconds(15));
        assertThat(answers(tenSeconds, "20.5.1", "20.6")).containsExactly(Answer.SERVER_CLOSES, Answer.SERVER_CLOSES);
        StatedLimits none = new StatedLimits(new Limit.None<>(), new Limit.Unstated<>(), new Limit.Unstated<>(),
                new Limit.Unstated<>(), new Limit.Unstated<>());
        assertThat(answers(none, "20.5.1", "20.6")).containsExactly(Answer.RECORDED, Answer.RECORDED);
    }

    @Test
    @DisplayName("a stated fragment limit under a flood makes the server's close a requirement")
    void statedFragmentLimit() {
        assertThat(mustClose(StatedLimits.UNSTATED)).containsEntry("20.20", false).doesNotContainKey("20.21");
        Map<String, Boolean> ten = mustClose(stated(new Limit.Unstated<>(), new Limit.AtMost<>(10L)));
        assertThat(ten).containsEntry("20.20", true).containsEntry("20.21", true);
    }

    @Test
    @DisplayName("a stated message limit is crossed by the flood, and makes 20.15 require a close")
    void statedMessageLimit() {
        StatedLimits sixteen = new StatedLimits(new Limit.Unstated<>(), new Limit.Unstated<>(),
                new Limit.AtMost<>(16L << 20), new Limit.Unstated<>(), new Limit.Unstated<>());
        assertThat(probe(sixteen, "20.19").description()).contains("16 MiB").contains("16448 KiB in all");
        assertThat(mustClose(sixteen)).containsEntry("20.15", true);
        assertThat(mustClose(StatedLimits.UNSTATED)).containsEntry("20.15", false);
    }

    private static StatedLimits stated(Limit<Long> maxHeaderSize, Limit<Long> maxFragments) {
        return new StatedLimits(new Limit.Unstated<>(), new Limit.Unstated<>(), new Limit.Unstated<>(), maxHeaderSize,
                maxFragments);
    }

    private static ConformanceCase probe(StatedLimits limits, String id) {
        return RobustnessProbes.cases(ProbeBounds.DEFAULTS, limits).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private static List<Answer> answers(StatedLimits limits, String... ids) {
        return List.of(ids).stream().map(id -> probe(limits, id).handshake().orElseThrow().expected()).toList();
    }

    /** Whether each judged (not informational) frame probe of 20.15-20.21 requires the server to close. */
    private static Map<String, Boolean> mustClose(StatedLimits limits) {
        return RobustnessProbes.cases(ProbeBounds.DEFAULTS, limits).stream()
                .filter(c -> Set.of("20.15", "20.20", "20.21").contains(c.id()) && !c.expectation().informational())
                .collect(Collectors.toMap(ConformanceCase::id, c -> c.expectation().close().closer() == Expectation.Closer.SERVER));
    }
}

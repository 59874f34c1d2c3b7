package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.TestTiming;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.conformance.judge.CaseResult;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("section 14, compression beyond Autobahn")
class CompressionBeyondAutobahnTest {

    @Test
    @DisplayName("its cases are numbered 14.x.y by topic, in order, each once, and run by default after Autobahn's")
    void idsAndPlace() {
        List<ConformanceCase> cases = CompressionBeyondAutobahn.cases();
        assertThat(cases).extracting(ConformanceCase::id).doesNotHaveDuplicates().allMatch(id -> id.matches("14\\.[1-5]\\.\\d+"));
        assertThat(cases).isSortedAccordingTo((a, b) -> ConformanceCase.compareIds(a.id(), b.id()));
        List<ConformanceCase> everything = AutobahnCatalog.everything();
        assertThat(everything.subList(everything.size() - cases.size(), everything.size()))
                .extracting(ConformanceCase::id).isEqualTo(cases.stream().map(ConformanceCase::id).toList());
    }

    @Test
    @DisplayName("the bombs rest on the server's message limit, as the probes' do; no other case rests on a policy")
    void policies() {
        assertThat(CompressionBeyondAutobahn.cases()).allSatisfy(c -> assertThat(RobustnessProbes.policy(c))
                .isEqualTo(c.id().startsWith("14.3.") ? java.util.Optional.of(ProbePolicy.MAX_MESSAGE) : java.util.Optional.empty()));
    }

    @Test
    @DisplayName("a stated message limit sizes the bombs 64 KiB above it; a stated none makes them recorded")
    void statedLimits() {
        List<ConformanceCase> stated = CompressionBeyondAutobahn.cases(new StatedLimits(new Limit.Unstated<>(),
                new Limit.Unstated<>(), new Limit.AtMost<>(1L << 20), new Limit.Unstated<>(), new Limit.Unstated<>()));
        assertThat(stated).filteredOn(c -> c.id().startsWith("14.3.")).hasSize(3).allSatisfy(c -> {
            assertThat(c.description()).contains("64 KiB more than 1 MiB").contains("as stated, 1 MiB");
            assertThat(c.expectation().close().codes()).containsExactlyInAnyOrder(1009, 1008);
        });
        List<ConformanceCase> none = CompressionBeyondAutobahn.cases(new StatedLimits(new Limit.Unstated<>(),
                new Limit.Unstated<>(), new Limit.None<>(), new Limit.Unstated<>(), new Limit.Unstated<>()));
        assertThat(none).filteredOn(c -> c.id().startsWith("14.3.")).allMatch(c -> c.expectation().informational());
        assertThatThrownBy(() -> CompressionBeyondAutobahn.cases(new StatedLimits(new Limit.Unstated<>(),
                new Limit.Unstated<>(), new Limit.AtMost<>(2L << 30), new Limit.Unstated<>(), new Limit.Unstated<>())))
                .hasMessageContaining("above 1 GiB");
    }

    @Test
    @DisplayName("with the reference server's own limit stated (32 MiB), its bombs are OK")
    void referenceServerWithItsLimitStated() throws Exception {
        List<ConformanceCase> bombs = CompressionBeyondAutobahn.cases(new StatedLimits(new Limit.Unstated<>(),
                        new Limit.Unstated<>(), new Limit.AtMost<>(ReferenceServer.MAX_MESSAGE_SIZE), new Limit.Unstated<>(),
                        new Limit.Unstated<>())).stream().filter(c -> c.id().startsWith("14.3.")).toList();
        try (WebSocketServer server = ReferenceServer.start()) {
            assertThat(ConformanceRunner.run(bombs, Target.of(URI.create(server.uri("/"))).withTimeScale(TestTiming.SCALE),
                    3, r -> { })).allSatisfy(r -> assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.OK));
        }
    }

    @Test
    @DisplayName("wslab's reference server: OK everywhere but where RFC 7692 leaves the outcome open")
    void referenceServer() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            Map<String, Verdict> notOk = new TreeMap<>();
            Map<String, String> reasons = new TreeMap<>();
            for (CaseResult result : ConformanceRunner.run(CompressionBeyondAutobahn.cases(),
                    Target.of(URI.create(server.uri("/"))).withTimeScale(TestTiming.SCALE), 4, r -> { })) {
                if (result.verdict() != Verdict.OK) {
                    notOk.put(result.testCase().id(), result.verdict());
                    reasons.put(result.testCase().id(), result.reason());
                }
            }
            // 14.2.8: RFC 7692 does not say what follows a final block; 14.5.1 and 14.5.3 record what the server
            // chose (it compresses, with context takeover), which the RFC leaves to it.
            assertThat(notOk).as("verdicts other than OK: %s", reasons).isEqualTo(Map.of("14.2.8",
                    Verdict.INFORMATIONAL, "14.5.1", Verdict.INFORMATIONAL, "14.5.3", Verdict.INFORMATIONAL));
        }
    }
}

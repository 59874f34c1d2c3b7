package dev.wslab.conformance;

import dev.wslab.conformance.FlawedEchoServer.Weakness;
import dev.wslab.conformance.catalog.ProbeBounds;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.ProbeRunner;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The new kinds of probe (a request trickled or never sent, a crowd of connections, a flood of fragments)
 * can fail: each {@link Weakness} of {@link FlawedEchoServer} removes one defence, and exactly the probes
 * for that defence must turn UNSAFE, while the same server with the defence passes them.
 */
@DisplayName("the probes fail a server that lacks the defence they check, and only those probes")
class ProbesCanFailTest {

    /** The probes of the new kinds. */
    private static final Set<String> IDS = Set.of("20.5.1", "20.5.2", "20.6", "20.19");

    /**
     * The server's handshake deadline is 1 s ({@link FlawedEchoServer#HANDSHAKE_DEADLINE_MILLIS}); the probes
     * wait 1.6 s for it and trickle a line every 200 ms, which an inactivity timer of 1 s never sees end.
     */
    private static final ProbeBounds BOUNDS = new ProbeBounds(Duration.ofMillis(1600), Duration.ofMillis(1600),
            Duration.ofMillis(200), 2 << 20, 1000);

    @ParameterizedTest
    @EnumSource(Weakness.class)
    void eachWeaknessFailsExactlyTheProbesOfItsDefence(Weakness weakness) throws Exception {
        Map<String, Verdict> expected = new TreeMap<>();
        IDS.forEach(id -> expected.put(id, Verdict.OK));
        expected.putAll(switch (weakness) {
            // Each defence is a policy RFC 6455 leaves to the server (§10.4): its lack is UNSAFE, not an RFC FAILED.
            case NO_HANDSHAKE_DEADLINE -> Map.of("20.5.1", Verdict.UNSAFE, "20.6", Verdict.UNSAFE);
            // An inactivity timer ends a silent connection, not one that sends a line now and then.
            case HANDSHAKE_TIMER_RESETS -> Map.of("20.5.1", Verdict.UNSAFE);
            case SERIAL_HANDSHAKES -> Map.of("20.5.2", Verdict.UNSAFE);
            case NO_MESSAGE_LIMIT -> Map.of("20.19", Verdict.UNSAFE);
        });
        assertThat(verdicts(EnumSet.of(weakness))).as("verdicts with " + weakness).isEqualTo(expected);
    }

    @Test
    @DisplayName("the same server with every defence passes them all")
    void withEveryDefenceAllPass() throws Exception {
        Map<String, Verdict> expected = new TreeMap<>();
        IDS.forEach(id -> expected.put(id, Verdict.OK));
        assertThat(verdicts(EnumSet.noneOf(Weakness.class))).isEqualTo(expected);
    }

    private static Map<String, Verdict> verdicts(Set<Weakness> weaknesses) throws Exception {
        List<dev.wslab.conformance.ConformanceCase> probes = RobustnessProbes.cases(BOUNDS).stream()
                .filter(probe -> IDS.contains(probe.id())).toList();
        try (FlawedEchoServer server = new FlawedEchoServer(Set.of(), weaknesses)) {
            // Time scale 1: a weak server never closes, and waiting three times as long would not change that.
            // A 2 s connect timeout: the fresh connection of the crowd probe gives up on a blocked server sooner.
            List<CaseResult> results = ProbeRunner.run(probes, new Target(URI.create("ws://127.0.0.1:" + server.port()
                    + "/"), ClientHandshakeOptions.NONE, Duration.ofSeconds(2), Optional.empty(), 1.0), result -> { });
            Map<String, Verdict> verdicts = new TreeMap<>();
            results.forEach(result -> verdicts.put(result.testCase().id(), result.verdict()));
            return verdicts;
        }
    }
}

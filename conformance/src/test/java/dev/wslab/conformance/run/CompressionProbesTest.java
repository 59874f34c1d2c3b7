package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.ProbeServers;
import dev.wslab.conformance.TestTiming;
import dev.wslab.conformance.UndertowEchoServer;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.catalog.StatedLimits;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decompression bombs (20.36, 20.37.x) judge a real server by the message limit stated for it: wslab's
 * server with a 16 MiB limit stops bombs that inflate past 16 MiB, and is UNSAFE against a statement of
 * 1 MiB, whose bombs it inflates and echoes; a server that declines compression leaves them UNIMPLEMENTED,
 * and one that answers client_no_context_takeover leaves the bomb across messages UNIMPLEMENTED. Undertow with
 * its permessage-deflate on caps nothing: it inflates each bomb whole and echoes it (UNSAFE).
 */
@DisplayName("the decompression bomb probes, against wslab's server with a stated limit, and without compression")
class CompressionProbesTest {

    private static final Set<String> BOMBS = Set.of("20.36", "20.37.1", "20.37.2");
    private static final long SIXTEEN_MIB = 16L << 20;

    @Test
    void a_server_stopping_inflation_at_its_limit_passes_when_that_limit_is_stated() throws Exception {
        try (WebSocketServer server = server(Optional.of(DeflateOptions.DEFAULTS), SIXTEEN_MIB)) {
            Map<String, CaseResult> results = run(server, stated(SIXTEEN_MIB), TestTiming.SCALE);

            results.values().forEach(result -> assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK));
            assertThat(results.get("20.36").observation().closeReceived()).hasValueSatisfying(status ->
                    assertThat(status.code().value()).isEqualTo(1009));
        }
    }

    @Test
    void a_server_inflating_past_the_stated_limit_is_unsafe_not_failed() throws Exception {
        try (WebSocketServer server = server(Optional.of(DeflateOptions.DEFAULTS), SIXTEEN_MIB)) {
            // Time scale 1: the server echoes the bombs and never closes; waiting longer changes nothing.
            Map<String, CaseResult> results = run(server, stated(1L << 20), 1.0);

            results.values().forEach(result -> {
                assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.UNSAFE);
                assertThat(result.reason()).contains("not an RFC failure").contains("--expect-max-message");
            });
            assertThat(results.get("20.36").observation().events()).as("the bomb, inflated and echoed").hasSize(1);
        }
    }

    @Test
    void a_server_that_declines_the_offer_leaves_them_unimplemented() throws Exception {
        try (WebSocketServer server = server(Optional.empty(), 1L << 20)) {
            Map<String, CaseResult> results = run(server, StatedLimits.UNSTATED, TestTiming.SCALE);

            results.values().forEach(result -> {
                assertThat(result.behavior()).as(result.reason()).isEqualTo(Verdict.UNIMPLEMENTED);
                assertThat(result.close()).as(result.closeReason()).isEqualTo(Verdict.OK);
            });
        }
    }

    @Test
    void a_server_that_keeps_no_client_context_leaves_only_the_bomb_across_messages_unimplemented() throws Exception {
        DeflateOptions reset = DeflateOptions.DEFAULTS.withOwnContext(ContextTakeover.RESET);
        try (WebSocketServer server = server(Optional.of(reset), 1L << 20)) {
            Map<String, CaseResult> results = run(server, StatedLimits.UNSTATED, TestTiming.SCALE);

            assertThat(results.get("20.36").verdict()).as(results.get("20.36").reason()).isEqualTo(Verdict.OK);
            assertThat(results.get("20.37.1").verdict()).as(results.get("20.37.1").reason()).isEqualTo(Verdict.OK);
            CaseResult across = results.get("20.37.2");
            assertThat(across.verdict()).as(across.reason()).isEqualTo(Verdict.UNIMPLEMENTED);
            assertThat(across.behaviorReason()).contains("client_no_context_takeover", "RFC 7692 §7.1.1.2");
        }
    }

    @Test
    void undertow_with_its_deflate_on_inflates_every_bomb_whole_and_echoes_it() throws Exception {
        try (UndertowEchoServer undertow = UndertowEchoServer.deflating(6)) {
            // Time scale 1: Undertow has no message limit by default; waiting longer changes nothing.
            Map<String, CaseResult> results = run(undertow.uri(), StatedLimits.UNSTATED, 1.0);

            results.values().forEach(result -> {
                assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.UNSAFE);
                // the bomb came back whole: more than the 2 MiB the probes assume a server refuses
                assertThat(result.observation().events()).last().satisfies(echo -> assertThat(echo)
                        .isInstanceOfSatisfying(Observed.Binary.class, binary ->
                                assertThat(binary.bytes().length()).isGreaterThan(ProbeServers.BOUNDS.floodBytes())));
            });
        }
    }

    private static Map<String, CaseResult> run(WebSocketServer server, StatedLimits limits, double timeScale)
            throws InterruptedException {
        return run(server.uri("/"), limits, timeScale);
    }

    private static Map<String, CaseResult> run(String uri, StatedLimits limits, double timeScale)
            throws InterruptedException {
        List<ConformanceCase> bombs = RobustnessProbes.cases(ProbeServers.BOUNDS, limits).stream()
                .filter(probe -> BOMBS.contains(probe.id())).toList();
        assertThat(bombs).hasSize(BOMBS.size());
        Map<String, CaseResult> results = new TreeMap<>();
        ProbeRunner.run(bombs, Target.of(URI.create(uri)).withTimeScale(timeScale),
                result -> results.put(result.testCase().id(), result));
        return results;
    }

    private static StatedLimits stated(long maxMessage) {
        return new StatedLimits(new Limit.Unstated<>(), new Limit.Unstated<>(), new Limit.AtMost<>(maxMessage),
                new Limit.Unstated<>(), new Limit.Unstated<>());
    }

    private static WebSocketServer server(Optional<DeflateOptions> deflate, long maxMessage) throws Exception {
        dev.wslab.server.WebSocketServerBuilder builder = WebSocketServer.builder().port(0).defaultEndpoint(Endpoints.echo())
                .limits(Limits.DEFAULTS.withMaxMessageSize(maxMessage));
        deflate.ifPresent(builder::deflate);
        return builder.start();
    }
}

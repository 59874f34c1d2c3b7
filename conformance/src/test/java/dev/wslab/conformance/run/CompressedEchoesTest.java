package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.TestTiming;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.Compression;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.judge.Reasons;
import dev.wslab.conformance.wire.Target;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.server.Endpoints;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketHandler;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sections 12 and 13 as run: 1000 compressed messages per case, each echo checked for type, length and
 * content as it comes, against real servers on 127.0.0.1 (wslab's own, with a flaw where one is wanted).
 */
@DisplayName("sections 12 and 13: streams of compressed echoes, judged by the RFC")
class CompressedEchoesTest {

    /** 16 B to 4 KiB, unfragmented, the default offer on JSON text: quick cases. */
    private static final String SMALL = "12.1.1,12.1.2,12.1.3,12.1.4,12.1.5";

    @Test
    void a_server_whose_echoes_of_1_KiB_and_more_differ_fails_exactly_the_cases_that_send_them() throws Exception {
        try (WebSocketServer server = deflating(flipsAByteFrom(1024), Limits.DEFAULTS)) {
            Map<String, Verdict> verdicts = verdicts(run(SMALL, server));

            assertThat(verdicts).containsExactlyEntriesOf(new TreeMap<>(Map.of("12.1.1", Verdict.OK, "12.1.2", Verdict.OK,
                    "12.1.3", Verdict.OK, "12.1.4", Verdict.FAILED, "12.1.5", Verdict.FAILED)));
        }
    }

    @Test
    void a_wrong_echo_is_reported_with_its_index_both_sizes_and_the_first_differing_byte() throws Exception {
        try (WebSocketServer server = deflating(flipsAByteFrom(1024), Limits.DEFAULTS)) {
            CaseResult result = run("12.1.4", server).getFirst();

            assertThat(result.behaviorReason()).contains("the echo of message 1 differs from it",
                    "text of 1024 bytes as expected", "differ from byte 7 on", "§6.2 (MUST)");
            assertThat(result.close()).as(result.closeReason()).isEqualTo(Verdict.OK);
            assertThat(result.wireLog()).anyMatch(entry -> entry.text().contains("differs from it: text of 1024 bytes"));
        }
    }

    @Test
    void a_server_that_declines_compression_is_unimplemented_in_all_216_cases() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().port(0).defaultEndpoint(Endpoints.echo()).start()) {
            List<CaseResult> results = ConformanceRunner.run(Compression.cases(), target(server), 16, r -> { });

            assertThat(results).hasSize(216).allSatisfy(result -> {
                assertThat(result.verdict()).as(result.testCase().id() + ": " + result.reason())
                        .isEqualTo(Verdict.UNIMPLEMENTED);
                assertThat(result.behaviorReason()).contains("declined", "RFC 7692 §5");
            });
        }
    }

    @Test
    void a_message_over_the_server_limit_refused_with_1009_is_informational_not_failed() throws Exception {
        try (WebSocketServer server = deflating(Endpoints.echo(), Limits.DEFAULTS.withMaxMessageSize(100_000))) {
            CaseResult result = run("12.1.10", server).getFirst(); // 128 KiB messages

            assertThat(result.behavior()).as(result.reason()).isEqualTo(Verdict.INFORMATIONAL);
            assertThat(result.behaviorReason()).contains("after 0 echoes the server closed with 1009",
                    Reasons.MESSAGE_OVER_SERVER_LIMIT.clause().citation());
            assertThat(result.close()).as(result.closeReason()).isEqualTo(Verdict.OK);
        }
    }

    @Test
    void the_reference_server_echoes_every_message_and_the_log_of_a_64_KiB_case_keeps_only_the_first_few()
            throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            CaseResult result = run("12.1.9", server).getFirst(); // 1000 messages of 65536 bytes

            assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK);
            assertThat(result.behaviorReason()).contains("all 1000 echoes came back");
            long logged = result.wireLog().stream().mapToLong(entry -> entry.bytes().length).sum();
            long sentFrames = result.wireLog().stream().filter(entry -> entry.direction() == WireLog.Direction.SENT
                    && entry.text().contains("RSV=100")).count();
            assertThat(sentFrames).isEqualTo(CompressedEchoRun.MESSAGES_LOGGED_IN_FULL);
            // the suite's messages compress to about a fifth: 1000 of them would be some 13 MB both ways
            assertThat(logged).isLessThan(10L * 65536);
            assertThat(result.wireLog()).anyMatch(entry -> entry.text().startsWith("summarised: sent ")
                    && entry.text().contains("received "));
            assertThat(result.observation().events()).isEmpty(); // every echo taken as it came
        }
    }

    /** Echoes every message, with one byte changed (the 8th) in those of {@code size} bytes or more. */
    private static WebSocketHandler flipsAByteFrom(int size) {
        return session -> {
            Optional<Message> message;
            while ((message = session.receive()).isPresent()) {
                if (message.get() instanceof Message.Text text && text.text().length() >= size) {
                    char[] chars = text.text().toCharArray();
                    chars[7] = chars[7] == 'x' ? 'y' : 'x';
                    session.send(new Message.Text(new String(chars)));
                } else if (message.get() instanceof Message.Binary binary && binary.data().length() >= size) {
                    byte[] bytes = binary.data().toByteArray();
                    bytes[7] ^= 1;
                    session.send(new Message.Binary(Payload.of(bytes)));
                } else {
                    session.send(message.get());
                }
            }
        };
    }

    private static WebSocketServer deflating(WebSocketHandler handler, Limits limits) throws Exception {
        return WebSocketServer.builder().port(0).defaultEndpoint(handler).limits(limits)
                .deflate(DeflateOptions.DEFAULTS).start();
    }

    private static List<CaseResult> run(String ids, WebSocketServer server) throws InterruptedException {
        List<ConformanceCase> cases = CaseSelection.parse(ids, "").select(Compression.cases());
        return ConformanceRunner.run(cases, target(server), 4, r -> { });
    }

    private static Map<String, Verdict> verdicts(List<CaseResult> results) {
        Map<String, Verdict> verdicts = new TreeMap<>();
        results.forEach(result -> verdicts.put(result.testCase().id(), result.verdict()));
        return verdicts;
    }

    private static Target target(WebSocketServer server) {
        return Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/")).withTimeScale(TestTiming.SCALE);
    }
}

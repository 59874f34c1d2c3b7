package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.TestTiming;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.server.Endpoints;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case with an offer runs compressed when the server accepts it, and is UNIMPLEMENTED when the server
 * declines it (RFC 7692 §5 lets it), with the closing still judged. Real servers on 127.0.0.1.
 */
@DisplayName("CaseExecutor: a case that offers permessage-deflate")
class CompressedCaseTest {

    private static final Payload PROSE = Payload.utf8("a message that compresses well, said again and again. ".repeat(60));

    @Test
    void runs_compressed_when_the_server_accepts_the_offer_and_judges_the_inflated_echoes() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            CaseResult result = CaseExecutor.run(echoTwice("permessage-deflate; client_no_context_takeover",
                    PROSE, 64), target(server));

            assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK);
            assertThat(sentFrames(result)).anyMatch(text -> text.contains("RSV=100"));
        }
    }

    @Test
    void the_second_of_two_equal_messages_is_smaller_on_the_wire_when_the_client_context_is_taken_over()
            throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            CaseResult result = CaseExecutor.run(echoTwice("permessage-deflate", PROSE, 0), target(server));

            assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK);
            List<Integer> sizes = result.wireLog().stream()
                    .filter(entry -> entry.direction() == WireLog.Direction.SENT && entry.text().contains("RSV=100"))
                    .map(entry -> entry.bytes().length).toList();
            assertThat(sizes).hasSize(2);
            // RFC 7692 §7.2.3.3: with the context kept, the second message refers back to the first
            assertThat(sizes.get(1)).isLessThan(sizes.get(0) / 2);
        }
    }

    @Test
    void is_unimplemented_when_the_server_declines_and_the_closing_is_still_judged() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().port(0).defaultEndpoint(Endpoints.echo()).start()) {
            CaseResult result = CaseExecutor.run(echoTwice("permessage-deflate", PROSE, 64), target(server));

            assertThat(result.behavior()).isEqualTo(Verdict.UNIMPLEMENTED);
            assertThat(result.behaviorReason()).contains("declined", "RFC 7692 §5");
            assertThat(result.close()).as(result.closeReason()).isEqualTo(Verdict.OK);
            assertThat(result.observation().closeReceived()).isPresent();
            assertThat(sentFrames(result)).noneMatch(text -> text.contains("RSV=100"));
        }
    }

    @Test
    void a_wrong_echo_of_a_compressed_message_still_fails() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            ConformanceCase expectsOther = echoTwice("permessage-deflate", PROSE, 64)
                    .withExpectation(Expectation.echo(new Observed.Text(PROSE), new Observed.Text(Payload.utf8("other"))));

            CaseResult result = CaseExecutor.run(expectsOther, target(server));

            assertThat(result.behavior()).isEqualTo(Verdict.FAILED);
        }
    }

    /** Sends {@code message} compressed twice, once whole and once in frames of {@code fragmentSize} (0: whole). */
    private static ConformanceCase echoTwice(String offer, Payload message, int fragmentSize) {
        return new ConformanceCase("0.0", "Compression", "two compressed messages echoed", List.of("7.2.1"),
                List.of(new Step.SendCompressed(Opcode.TEXT, message, 0), new Step.SendCompressed(Opcode.TEXT, message, fragmentSize)),
                Expectation.echo(new Observed.Text(message), new Observed.Text(message)), Duration.ofSeconds(5), "",
                Optional.empty()).withOffer(offer);
    }

    private static List<String> sentFrames(CaseResult result) {
        return result.wireLog().stream().filter(entry -> entry.direction() == WireLog.Direction.SENT)
                .map(WireLog.Entry::text).toList();
    }

    private static Target target(WebSocketServer server) {
        return Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/")).withTimeScale(TestTiming.SCALE);
    }
}

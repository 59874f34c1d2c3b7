package dev.wslab.conformance.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.HandshakeCheck.Answer;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.wire.HandshakeProbe;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpResponse;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handshake judge's verdict rules, one row each: the answer a case expects, the server's answer (built
 * here, no network), and the verdict.
 */
@DisplayName("HandshakeJudge: the verdict rules for the opening handshake")
class HandshakeJudgeTest {

    private static final HttpResponse SWITCHING = HttpResponse.of(101, HttpHeaders.of("Upgrade", "websocket"));
    private static final HttpResponse BAD_REQUEST = HttpResponse.of(400, HttpHeaders.empty());
    private static final HttpResponse VERSIONS = HttpResponse.of(426, HttpHeaders.of("Sec-WebSocket-Version", "13"));
    private static final HttpResponse SERVER_ERROR = HttpResponse.of(500, HttpHeaders.empty());
    private static final HttpResponse REDIRECT = HttpResponse.of(302, HttpHeaders.empty());

    /** One rule: a case expecting {@code expected} whose request got {@code probe} gets {@code verdict}. */
    record Row(String rule, Answer expected, HandshakeProbe probe, Verdict verdict) {
        @Override
        public String toString() {
            return rule;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void judgesByTheRule(Row row) {
        Finding finding = HandshakeJudge.judge(check(row.expected()), row.probe());

        assertThat(finding.verdict()).as(finding.explanation()).isEqualTo(row.verdict());
    }

    static Stream<Row> rows() {
        return Stream.of(
                // A valid request (§4.2.2)
                new Row("a valid request accepted with a valid 101: OK", Answer.ACCEPT, accepted(), Verdict.OK),
                new Row("a valid request, the handshake failed: FAILED", Answer.ACCEPT, failed(BAD_REQUEST), Verdict.FAILED),
                // An invalid request (§4.2.1: the server MUST refuse it)
                new Row("refused with 400: OK", Answer.REJECT, answered(BAD_REQUEST), Verdict.OK),
                new Row("accepted with 101: FAILED", Answer.REJECT, accepted(), Verdict.FAILED),
                new Row("answered 302, not an error: FAILED", Answer.REJECT, answered(REDIRECT), Verdict.FAILED),
                new Row("refused with 500, a server error: NON-STRICT", Answer.REJECT, answered(SERVER_ERROR), Verdict.NON_STRICT),
                new Row("closed without an HTTP response: FAILED", Answer.REJECT, closed(), Verdict.FAILED),
                // An unsupported version (§4.4)
                new Row("refused with Sec-WebSocket-Version: 13: OK", Answer.REJECT_WITH_VERSIONS, answered(VERSIONS), Verdict.OK),
                new Row("refused without Sec-WebSocket-Version: FAILED", Answer.REJECT_WITH_VERSIONS,
                        answered(BAD_REQUEST), Verdict.FAILED),
                // An abusive request: an error, or the connection dropped
                new Row("abusive, refused with 400: OK", Answer.REJECT_OR_CLOSE, answered(BAD_REQUEST), Verdict.OK),
                new Row("abusive, connection dropped: OK", Answer.REJECT_OR_CLOSE, closed(), Verdict.OK),
                // valid, only larger than the limit the probe assumed: a policy miss (§10.4), not an RFC failure
                new Row("abusive, accepted: UNSAFE", Answer.REJECT_OR_CLOSE, accepted(), Verdict.UNSAFE),
                // An offer the server may accept validly or refuse (§4.2.2)
                new Row("an offer refused with 400: OK", Answer.REJECT_OR_VALID_ACCEPT, answered(BAD_REQUEST), Verdict.OK),
                new Row("an offer accepted with a valid 101: OK", Answer.REJECT_OR_VALID_ACCEPT, accepted(), Verdict.OK),
                new Row("an offer accepted with an invalid 101: FAILED", Answer.REJECT_OR_VALID_ACCEPT,
                        failed(SWITCHING), Verdict.FAILED),
                new Row("an offer, connection dropped: OK", Answer.REJECT_OR_VALID_ACCEPT, closed(), Verdict.OK),
                new Row("an offer never answered: UNSAFE (how long to wait is the server's policy)", Answer.REJECT_OR_VALID_ACCEPT,
                        gaveUp(), Verdict.UNSAFE),
                // Any timely answer
                new Row("any answer in time: OK", Answer.ANY_ANSWER, answered(SERVER_ERROR), Verdict.OK),
                new Row("dropped at once, as safe as a refusal: OK", Answer.ANY_ANSWER, closed(), Verdict.OK),
                new Row("no answer in time: UNSAFE", Answer.ANY_ANSWER, gaveUp(), Verdict.UNSAFE),
                // A request that never completes: the server ends the connection
                new Row("never completed, the server closed in time: OK", Answer.SERVER_CLOSES, closed(), Verdict.OK),
                new Row("never completed, 408 in time: OK", Answer.SERVER_CLOSES, answered(HttpResponse.of(408, HttpHeaders.empty())),
                        Verdict.OK),
                new Row("never completed, held open until the suite gave up: UNSAFE", Answer.SERVER_CLOSES, gaveUp(),
                        Verdict.UNSAFE),
                new Row("never completed, yet accepted: FAILED", Answer.SERVER_CLOSES, accepted(), Verdict.FAILED),
                // The server's policy
                new Row("a policy the RFC leaves open: INFORMATIONAL", Answer.RECORDED, answered(BAD_REQUEST),
                        Verdict.INFORMATIONAL),
                new Row("a policy, no answer: INFORMATIONAL", Answer.RECORDED, gaveUp(), Verdict.INFORMATIONAL));
    }

    private static HandshakeCheck check(Answer expected) {
        return new HandshakeCheck("changes one thing", UnaryOperator.identity(), new byte[0], expected);
    }

    private static HandshakeProbe accepted() {
        return new HandshakeProbe(Optional.of(SWITCHING), new ClientHandshakeResult.Accepted(Optional.empty(), SWITCHING),
                Optional.empty());
    }

    /** A response a client must refuse (§4.1). */
    private static HandshakeProbe failed(HttpResponse response) {
        HandshakeFailure.Kind kind = response.status() == 101 ? HandshakeFailure.Kind.INVALID_ACCEPT
                : HandshakeFailure.Kind.UNEXPECTED_STATUS;
        return new HandshakeProbe(Optional.of(response), new HandshakeFailure(kind, "", Optional.of(response)),
                Optional.empty());
    }

    /** An error response: a client sees it as a failed handshake. */
    private static HandshakeProbe answered(HttpResponse response) {
        return failed(response);
    }

    private static HandshakeProbe closed() {
        return new HandshakeProbe(Optional.empty(), HandshakeFailure.closedBeforeResponse(), Optional.empty());
    }

    private static HandshakeProbe gaveUp() {
        return new HandshakeProbe(Optional.empty(), HandshakeFailure.closedBeforeResponse(), Optional.empty(), true);
    }
}

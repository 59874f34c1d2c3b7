package dev.wslab.conformance.judge;

import static dev.wslab.conformance.judge.Deadline.ENDED_IN_TIME;
import static dev.wslab.conformance.judge.Deadline.SUITE_CLOSED_AT_DEADLINE;
import static dev.wslab.conformance.wire.Observation.SuiteClose.NOT_SENT;
import static dev.wslab.conformance.wire.Observation.SuiteClose.SENT;
import static dev.wslab.conformance.wire.Observation.Tcp.CLOSED;
import static dev.wslab.conformance.wire.Observation.Tcp.OPEN;
import static dev.wslab.conformance.wire.Observation.TcpAfterHandshake.LEFT_OPEN_BY_SERVER;
import static dev.wslab.conformance.wire.Observation.TcpAfterHandshake.NOT_LEFT_OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The judge's verdict rules, one row each: an expectation, what the suite observed (built here, no
 * network), and the two verdicts, on the server's behaviour and on how the connection ended. The last
 * table holds the cases where wslab deviates from Autobahn (README: "Where a case deviates from Autobahn").
 */
@DisplayName("Judge: the verdict rules")
class JudgeTest {

    private static final Map<String, ConformanceCase> CATALOG = AutobahnCatalog.all().stream()
            .collect(Collectors.toMap(ConformanceCase::id, Function.identity()));

    private static final Observed HELLO = Observed.text("Hello");
    private static final CloseStatus NORMAL = CloseStatus.NORMAL;
    private static final CloseStatus PROTOCOL_ERROR = CloseStatus.of(CloseCode.PROTOCOL_ERROR);
    private static final CloseStatus GOING_AWAY = CloseStatus.of(CloseCode.GOING_AWAY);

    /** One verdict rule: given the case and what was seen, the judge gives these two verdicts. */
    record Row(String rule, ConformanceCase testCase, Observation seen, Deadline deadline, Verdict behavior,
               Verdict close) {
        @Override
        public String toString() {
            return rule;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"echoes", "failures", "closingHandshakes", "afterTheServersClose", "informational",
            "deviationsFromAutobahn"})
    void judgesByTheRule(Row row) {
        CaseResult result = Judge.judge(row.testCase(), row.seen(), row.deadline(), List.of(), Duration.ZERO);

        assertThat(result.behavior()).as("behaviour: " + result.behaviorReason()).isEqualTo(row.behavior());
        assertThat(result.close()).as("close: " + result.closeReason()).isEqualTo(row.close());
        assertThat(result.verdict()).isEqualTo(row.behavior().worst(row.close()));
        if (row.behavior() != Verdict.OK && row.behavior() != Verdict.INFORMATIONAL) {
            assertThat(result.behaviorReason()).as("the clause is cited").containsAnyOf("§", "Autobahn");
        }
        if (row.close() != Verdict.OK && row.close() != Verdict.INFORMATIONAL) {
            assertThat(result.closeReason()).as("the clause is cited").containsAnyOf("§", "Autobahn");
        }
    }

    /** Expectation.echo: the server echoes exactly the events, then answers the suite's Close 1000. */
    static Stream<Row> echoes() {
        Expectation echo = Expectation.echo(HELLO);
        return Stream.of(
                new Row("the echo, then a clean close with 1000: OK", of(echo),
                        cleanClose(NORMAL, HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("the server's own keepalive Pings are not judged (§5.5.2)", of(echo),
                        cleanClose(NORMAL, new Observed.Ping(Payload.EMPTY), HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("no echo: FAILED", of(echo),
                        cleanClose(NORMAL), ENDED_IN_TIME, Verdict.FAILED, Verdict.OK),
                new Row("the echo twice: FAILED", of(echo),
                        cleanClose(NORMAL, HELLO, HELLO), ENDED_IN_TIME, Verdict.FAILED, Verdict.OK),
                new Row("an answer without a status code to the suite's Close: OK", of(echo),
                        cleanClose(CloseStatus.NO_STATUS, HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("another code in answer to the suite's 1000: WRONG CODE", of(echo),
                        cleanClose(GOING_AWAY, HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.WRONG_CODE),
                new Row("a Close that does not answer the suite's (none was sent): FAILED, the handshake did not complete",
                        of(echo), closeWithoutTheSuitesClose(NORMAL, HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.FAILED),
                new Row("TCP closed without a Close frame (1006): FAILED", of(echo),
                        droppedTcp(HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.FAILED),
                new Row("the server kept TCP open after the closing handshake: FAILED (§5.5.1 MUST)", of(echo),
                        leftTcpOpen(NORMAL, HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.FAILED),
                new Row("the server waited for the suite's Close, as it may: OK", of(echo),
                        cleanClose(NORMAL, HELLO), SUITE_CLOSED_AT_DEADLINE, Verdict.OK, Verdict.OK),
                new Row("a rule of RFC 6455 the server broke in what it sent: FAILED", of(echo),
                        broke(Rule.MASKED_SERVER_FRAME, cleanClose(NORMAL, HELLO)), ENDED_IN_TIME, Verdict.FAILED, Verdict.OK),
                new Row("one of the other event lists just as good (orAlso): OK", of(echo.orAlso(List.of())),
                        cleanClose(NORMAL), ENDED_IN_TIME, Verdict.OK, Verdict.OK));
    }

    /** Expectation.fails: the server must fail the connection with the code, and send no events. */
    static Stream<Row> failures() {
        Expectation fails = Expectation.fails(1002);
        Expectation failsAfterEcho = Expectation.fails(1002, HELLO).orNonStrict();
        Expectation invalidUtf8 = Expectation.fails(1007);
        return Stream.of(
                new Row("failed with the code: OK", of(fails),
                        closeWithoutTheSuitesClose(PROTOCOL_ERROR), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("failed with the code, the suite answering the Close: OK", of(fails),
                        cleanClose(PROTOCOL_ERROR), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("failed with another code: WRONG CODE", of(fails),
                        closeWithoutTheSuitesClose(NORMAL), ENDED_IN_TIME, Verdict.OK, Verdict.WRONG_CODE),
                new Row("an event before failing that the case does not expect: FAILED", of(fails),
                        closeWithoutTheSuitesClose(PROTOCOL_ERROR, HELLO), ENDED_IN_TIME, Verdict.FAILED, Verdict.OK),
                new Row("the server did not close by the deadline: FAILED", of(fails),
                        cleanClose(NORMAL), SUITE_CLOSED_AT_DEADLINE, Verdict.OK, Verdict.FAILED),
                new Row("the events the RFC also allows (orNonStrict): NON-STRICT", of(failsAfterEcho),
                        closeWithoutTheSuitesClose(PROTOCOL_ERROR), ENDED_IN_TIME, Verdict.NON_STRICT, Verdict.OK),
                new Row("the better events of an orNonStrict case: OK", of(failsAfterEcho),
                        closeWithoutTheSuitesClose(PROTOCOL_ERROR, HELLO), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("invalid UTF-8 not rejected by the deadline also fails the behaviour (Autobahn's rule)",
                        of(invalidUtf8), cleanClose(NORMAL), SUITE_CLOSED_AT_DEADLINE, Verdict.FAILED, Verdict.FAILED),
                new Row("any other rejection not made by the deadline fails only the close", of(fails),
                        cleanClose(NORMAL), SUITE_CLOSED_AT_DEADLINE, Verdict.OK, Verdict.FAILED));
    }

    /** Expectation.answersClose and rejectsClose: the suite ends its steps with a Close of its own. */
    static Stream<Row> closingHandshakes() {
        Expectation answers = Expectation.answersClose(1000);
        Expectation rejects = Expectation.rejectsClose(1002);
        Expectation mayWait = Expectation.closes(Expectation.Closer.SERVER_OR_SUITE, 1009);
        return Stream.of(
                new Row("the suite's Close answered with 1000: OK", of(answers),
                        cleanClose(NORMAL), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("the suite's Close answered without a code: OK", of(answers),
                        cleanClose(CloseStatus.NO_STATUS), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("the suite's Close never answered: FAILED", of(answers),
                        droppedTcp(), ENDED_IN_TIME, Verdict.OK, Verdict.FAILED),
                new Row("the server did not end the connection by the deadline: FAILED", of(answers),
                        cleanClose(NORMAL), SUITE_CLOSED_AT_DEADLINE, Verdict.OK, Verdict.FAILED),
                new Row("a broken Close rejected with the code: OK", of(rejects),
                        cleanClose(PROTOCOL_ERROR), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("a broken Close rejected by dropping TCP: NON-STRICT (§7.1.7 SHOULD send a code)", of(rejects),
                        droppedTcp(), ENDED_IN_TIME, Verdict.OK, Verdict.NON_STRICT),
                new Row("a broken Close rejected with a Close without a code: NON-STRICT (§7.1.7 SHOULD)", of(rejects),
                        cleanClose(CloseStatus.NO_STATUS), ENDED_IN_TIME, Verdict.OK, Verdict.NON_STRICT),
                new Row("a broken Close answered with 1000: WRONG CODE", of(rejects),
                        cleanClose(NORMAL), ENDED_IN_TIME, Verdict.OK, Verdict.WRONG_CODE),
                new Row("a server that may wait, and waited: OK", of(mayWait),
                        cleanClose(NORMAL), SUITE_CLOSED_AT_DEADLINE, Verdict.OK, Verdict.OK),
                new Row("a server that may wait, and the connection still open when judged: OK", of(mayWait),
                        stillOpen(), ENDED_IN_TIME, Verdict.OK, Verdict.OK));
    }

    /** §5.5.1: "The application MUST NOT send any more data frames after sending a Close frame." */
    static Stream<Row> afterTheServersClose() {
        Expectation fails = Expectation.fails(1002);
        return Stream.of(
                new Row("a data frame after the server's Close: FAILED (§5.5.1 MUST NOT)", of(fails),
                        broke(Rule.FRAME_AFTER_CLOSE, closeWithoutTheSuitesClose(PROTOCOL_ERROR)), ENDED_IN_TIME,
                        Verdict.FAILED, Verdict.OK),
                new Row("a second Close (1000 \"Bye\") after the server's failing Close: NON-STRICT (§1.4 is not normative)",
                        of(fails), controlAfterClose("CLOSE 1000 \"Bye\"", closeWithoutTheSuitesClose(PROTOCOL_ERROR)),
                        ENDED_IN_TIME, Verdict.NON_STRICT, Verdict.OK),
                new Row("a Pong after the server's Close: NON-STRICT", of(Expectation.answersClose(1000)),
                        controlAfterClose("PONG", cleanClose(NORMAL)), ENDED_IN_TIME, Verdict.NON_STRICT, Verdict.OK),
                new Row("7.3.2: a 1-byte Close answered with an empty Close: NON-STRICT, as every failure without a code",
                        CATALOG.get("7.3.2"), cleanClose(CloseStatus.NO_STATUS), ENDED_IN_TIME, Verdict.OK, Verdict.NON_STRICT),
                new Row("7.3.2: a 1-byte Close answered with 1002: OK", CATALOG.get("7.3.2"),
                        cleanClose(PROTOCOL_ERROR), ENDED_IN_TIME, Verdict.OK, Verdict.OK));
    }

    /** Expectation.informational: the RFC leaves the outcome open; recorded, not judged. */
    static Stream<Row> informational() {
        Expectation open = Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE);
        return Stream.of(
                new Row("whatever the server does: INFORMATIONAL", of(open),
                        cleanClose(NORMAL, HELLO), ENDED_IN_TIME, Verdict.INFORMATIONAL, Verdict.INFORMATIONAL),
                new Row("even when the suite had to close: INFORMATIONAL", of(open),
                        stillOpen(), SUITE_CLOSED_AT_DEADLINE, Verdict.INFORMATIONAL, Verdict.INFORMATIONAL),
                new Row("but a Pong after the server's own Close: NON-STRICT", of(open),
                        controlAfterClose("PONG", cleanClose(NORMAL)), ENDED_IN_TIME, Verdict.NON_STRICT, Verdict.INFORMATIONAL),
                new Row("but a rule the server broke: FAILED", of(open),
                        broke(Rule.RESERVED_BITS_SET, cleanClose(NORMAL)), ENDED_IN_TIME, Verdict.FAILED, Verdict.INFORMATIONAL),
                new Row("7.13.1: the server answered with 5000, a code §7.4 does not define: FAILED (§5.5.1 MUST)",
                        of(open), broke(Rule.CLOSE_CODE_UNDEFINED, cleanClose(NORMAL)), ENDED_IN_TIME, Verdict.FAILED,
                        Verdict.INFORMATIONAL),
                new Row("the server sent 1005, which MUST NOT be set in a Close frame: FAILED (§7.4.1 MUST NOT)",
                        of(open), broke(Rule.CLOSE_CODE_NEVER_SENT, cleanClose(NORMAL)), ENDED_IN_TIME, Verdict.FAILED,
                        Verdict.INFORMATIONAL),
                new Row("the server sent a reserved code (1004, 1016-2999): NON-STRICT, §7.4.2 states no MUST",
                        of(open), broke(Rule.CLOSE_CODE_RESERVED, cleanClose(NORMAL)), ENDED_IN_TIME, Verdict.NON_STRICT,
                        Verdict.INFORMATIONAL),
                new Row("the server sent a code below 1000: NON-STRICT, §7.4.2 says only \"not used\"",
                        of(open), broke(Rule.CLOSE_CODE_NOT_USED, cleanClose(NORMAL)), ENDED_IN_TIME, Verdict.NON_STRICT,
                        Verdict.INFORMATIONAL));
    }

    /** README, "Where a case deviates from Autobahn": each deviation, judged on the catalog's own case. */
    static Stream<Row> deviationsFromAutobahn() {
        List<Observed> tenPongs = CATALOG.get("2.10").expectation().events();
        Observed.Text nineOne = (Observed.Text) CATALOG.get("9.1.1").expectation().events().getFirst();
        byte[] sameLengthOtherText = nineOne.bytes().toByteArray();
        sameLengthOtherText[sameLengthOtherText.length / 2] ^= 0x01; // still ASCII, one character changed
        return Stream.of(
                new Row("2.10: all 10 Pongs: OK", CATALOG.get("2.10"),
                        cleanClose(NORMAL, tenPongs.toArray(Observed[]::new)), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("2.10: only the latest Ping answered, which §5.5.3 allows: OK (Autobahn: FAILED)", CATALOG.get("2.10"),
                        cleanClose(NORMAL, tenPongs.getLast()), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("2.11: only the latest Ping answered: OK (Autobahn: FAILED)", CATALOG.get("2.11"),
                        cleanClose(NORMAL, CATALOG.get("2.11").expectation().events().getLast()), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("2.10: a Pong for an earlier Ping but not the latest: FAILED", CATALOG.get("2.10"),
                        cleanClose(NORMAL, tenPongs.getFirst()), ENDED_IN_TIME, Verdict.FAILED, Verdict.OK),
                new Row("3.6: the binary frame with RSV 6 it really sends, failed with 1002: OK", CATALOG.get("3.6"),
                        closeWithoutTheSuitesClose(PROTOCOL_ERROR), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("9.1.1: the echo's content is checked, not only its length: FAILED (Autobahn: OK)",
                        CATALOG.get("9.1.1"), cleanClose(NORMAL, new Observed.Text(Payload.of(sameLengthOtherText))),
                        ENDED_IN_TIME, Verdict.FAILED, Verdict.OK),
                new Row("9.1.1: the exact echo: OK", CATALOG.get("9.1.1"),
                        cleanClose(NORMAL, nineOne), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("7.7.14: 1012 is accepted and echoed (IANA): OK (Autobahn: FAILED)", CATALOG.get("7.7.14"),
                        cleanClose(CloseStatus.of(CloseCode.of(1012))), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("7.7.15: 1013 answered with 1000: OK", CATALOG.get("7.7.15"),
                        cleanClose(NORMAL), ENDED_IN_TIME, Verdict.OK, Verdict.OK),
                new Row("7.7.16: 1014 rejected with 1002: WRONG CODE", CATALOG.get("7.7.16"),
                        cleanClose(PROTOCOL_ERROR), ENDED_IN_TIME, Verdict.OK, Verdict.WRONG_CODE),
                new Row("\"peer failed\" with a Close without a code: NON-STRICT (§7.1.7 SHOULD; Autobahn: OK)",
                        CATALOG.get("5.1"), closeWithoutTheSuitesClose(CloseStatus.NO_STATUS), ENDED_IN_TIME,
                        Verdict.OK, Verdict.NON_STRICT),
                new Row("\"peer failed\" with a bare TCP drop: NON-STRICT (§7.1.7 SHOULD; Autobahn: OK)",
                        CATALOG.get("5.1"), droppedTcp(), ENDED_IN_TIME, Verdict.OK, Verdict.NON_STRICT));
    }

    @Test
    @DisplayName("3.6 sends the binary frame its description names (Autobahn's says a Ping)")
    void caseThreeSixSendsABinaryFrame() {
        ConformanceCase threeSix = CATALOG.get("3.6");
        Step.Send send = (Step.Send) threeSix.steps().getFirst();

        assertThat(threeSix.description()).contains("binary");
        assertThat(send.frames()).singleElement().satisfies(frame -> {
            assertThat(frame.opcode()).isEqualTo(Opcode.BINARY.code());
            assertThat(List.of(frame.rsv1(), frame.rsv2(), frame.rsv3())).containsExactly(true, true, false); // RSV = 6
        });
    }

    // ---------------------------------------------------------------- observations, built directly

    /** The server's Close, answered by the suite (or answering the suite's), then TCP closed. */
    private static Observation cleanClose(CloseStatus status, Observed... events) {
        return new Observation(List.of(events), Optional.of(status), SENT, CLOSED, Optional.empty(), NOT_LEFT_OPEN);
    }

    /** The server's Close, the suite sending none (it waited for the server to fail the connection), then TCP closed. */
    private static Observation closeWithoutTheSuitesClose(CloseStatus status, Observed... events) {
        return new Observation(List.of(events), Optional.of(status), NOT_SENT, CLOSED, Optional.empty(), NOT_LEFT_OPEN);
    }

    /** TCP closed by the server without any Close frame. */
    private static Observation droppedTcp(Observed... events) {
        return new Observation(List.of(events), Optional.empty(), SENT, CLOSED, Optional.empty(), NOT_LEFT_OPEN);
    }

    /** The connection still open when the case was judged. */
    private static Observation stillOpen(Observed... events) {
        return new Observation(List.of(events), Optional.empty(), NOT_SENT, OPEN, Optional.empty(), NOT_LEFT_OPEN);
    }

    /** A clean closing handshake, after which the server did not close TCP. */
    private static Observation leftTcpOpen(CloseStatus status, Observed... events) {
        return new Observation(List.of(events), Optional.of(status), SENT, CLOSED, Optional.empty(),
                LEFT_OPEN_BY_SERVER);
    }

    /** {@code seen}, and the server broke {@code rule} in what it sent. */
    private static Observation broke(Rule rule, Observation seen) {
        return new Observation(seen.events(), seen.closeReceived(), seen.suiteClose(), seen.tcp(),
                Optional.of(new Violation(rule, "")), seen.tcpAfterHandshake());
    }

    /** {@code seen}, and after its Close the server sent the control frame {@code frame}. */
    private static Observation controlAfterClose(String frame, Observation seen) {
        return new Observation(seen.events(), seen.closeReceived(), seen.suiteClose(), seen.tcp(),
                seen.serverViolation(), seen.tcpAfterHandshake(), Optional.of(frame));
    }

    private static ConformanceCase of(Expectation expectation) {
        return new ConformanceCase("0.0", "judge", "a case of the judge's test", List.of(), List.of(), expectation,
                Duration.ofSeconds(1), "", Optional.empty());
    }
}

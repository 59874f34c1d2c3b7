package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.judge.Deadline;
import dev.wslab.conformance.judge.EchoJudge;
import dev.wslab.conformance.judge.EchoOutcome;
import dev.wslab.conformance.judge.Judge;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.conformance.wire.WireConnection;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * ServerSidePlay plays a catalog case with the roles swapped: the suite is the server, on a connection whose
 * opening handshake it has answered, and the client under test is judged by the same {@link Judge} and
 * {@link Expectation} as a server is, where the meaning is the same. The steps are the case's own, sent
 * unmasked ({@link WireConnection#encode}); what differs is how the connection ends:
 * <ul>
 *   <li>the suite, as the server, closes TCP itself once the closing handshake is done (RFC 6455 §7.1.1: "The
 *       underlying TCP connection, in most normal cases, SHOULD be closed first by the server"), so a client
 *       is never judged for leaving TCP open: it should wait for the server (§7.1.1);</li>
 *   <li>a case that expects the peer to fail the connection waits for the client's Close (or its TCP close),
 *       not for a TCP close the client should leave to the server;</li>
 *   <li>a client frame that is not masked fails the connection with 1002 (§5.1: "a client MUST mask all
 *       frames that it sends to the server"), as Autobahn's server does, and the judge reports it FAILED.</li>
 * </ul>
 */
public final class ServerSidePlay {

    /** How long the client has to answer the suite's Close. */
    static final Duration CLOSE_TIMEOUT = CaseExecutor.CLOSE_TIMEOUT;

    private ServerSidePlay() {
    }

    /**
     * Plays {@code testCase} on {@code wire}, an accepted connection where the suite is the server, and judges
     * the client. The connection is closed when this returns. Never throws for anything the client does.
     */
    public static CaseResult play(ConformanceCase testCase, WireConnection wire, WireLog log) throws InterruptedException {
        if (wire.suiteRole() != Role.SERVER) {
            throw new IllegalArgumentException("the suite must be the server on this connection");
        }
        Deadline deadline;
        Optional<EchoOutcome> echoed = Optional.empty();
        try (wire) {
            echoed = CaseExecutor.sendSteps(testCase, wire, log, Optional.empty());
            deadline = awaitEnd(testCase, wire, log);
        } catch (IOException e) {
            log.note("closing: " + e.getMessage());
            deadline = Deadline.ENDED_IN_TIME;
        }
        WireConnection.pause(Duration.ofMillis(5)); // lets the reader record the end of TCP
        CaseResult judged = Judge.judge(testCase, wire.observation(), deadline, log.entries(), log.elapsed());
        return echoed.map(outcome -> EchoJudge.judge(judged, outcome)).orElse(judged);
    }

    private static Deadline awaitEnd(ConformanceCase testCase, WireConnection wire, WireLog log)
            throws InterruptedException, IOException {
        Expectation expected = testCase.expectation();
        Deadline deadline = Deadline.ENDED_IN_TIME;
        switch (expected.afterSteps()) {
            case CLOSE_NORMALLY -> {
                long wanted = expected.events().stream().filter(e -> !(e instanceof Observed.Marker)).count();
                wire.awaitEvents((int) wanted, testCase.deadline());
                if (failOnViolation(wire, log)) {
                    return deadline;
                }
                Observation seen = wire.observation();
                if (!seen.tcpClosed() && seen.closeReceived().isEmpty() && !seen.closeSent()) {
                    log.note("the suite starts the closing handshake");
                    wire.send(Frame.close(CloseStatus.NORMAL));
                }
                wire.awaitCloseOrViolation(CLOSE_TIMEOUT);
            }
            case WAIT_FOR_SERVER_TO_CLOSE -> {
                // Here the peer is the client: it fails the connection by sending its Close (§7.1.7), and then
                // waits for the server to close TCP (§7.1.1), so the suite waits for the Close, not for TCP.
                wire.awaitCloseOrViolation(testCase.deadline());
                if (failOnViolation(wire, log)) {
                    return deadline;
                }
                Observation seen = wire.observation();
                if (seen.closeReceived().isEmpty() && !seen.tcpClosed()) {
                    log.note("the client did not close the connection within " + testCase.deadline().toMillis()
                            + " ms; the suite closes it (1001)");
                    if (!seen.closeSent()) {
                        wire.send(Frame.close(CloseStatus.of(CloseCode.GOING_AWAY)));
                    }
                    wire.awaitCloseOrViolation(CLOSE_TIMEOUT);
                    deadline = Deadline.SUITE_CLOSED_AT_DEADLINE;
                }
            }
        }
        if (wire.observation().closeReceived().isPresent()) {
            wire.awaitCloseSent(CLOSE_TIMEOUT); // the suite's answer is written on the reader's thread
        }
        closeTcpAsServer(wire, log);
        return deadline;
    }

    /** When the client broke a rule, the suite fails the connection with 1002 (§7.1.7); tells whether it did. */
    private static boolean failOnViolation(WireConnection wire, WireLog log) throws IOException {
        Observation seen = wire.observation();
        if (seen.serverViolation().isEmpty()) {
            return false;
        }
        if (!seen.closeSent() && !seen.tcpClosed()) {
            log.note("the client broke a rule; the suite fails the connection (1002)");
            wire.send(Frame.close(CloseStatus.of(CloseCode.PROTOCOL_ERROR)));
        }
        closeTcpAsServer(wire, log);
        return true;
    }

    /** RFC 6455 §7.1.1: the server closes the TCP connection first, once the closing handshake is done. */
    private static void closeTcpAsServer(WireConnection wire, WireLog log) throws IOException {
        if (!wire.observation().tcpClosed()) {
            log.note("the suite, as the server, closes the TCP connection (§7.1.1)");
        }
        wire.close();
    }
}

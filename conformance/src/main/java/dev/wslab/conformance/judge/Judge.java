package dev.wslab.conformance.judge;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.CloseExpectation;
import dev.wslab.conformance.Expectation.Closer;
import dev.wslab.conformance.Expectation.Ending;
import dev.wslab.conformance.Expectation.IfServerWaits;
import dev.wslab.conformance.Expectation.WithoutCode;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.conformance.wire.Observation.SuiteClose;
import dev.wslab.conformance.wire.Observation.Tcp;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Judge turns what was observed in a case into verdicts, by the rules of RFC 6455 alone: the same bytes
 * from any server get the same verdict.
 */
public final class Judge {

    private Judge() {
    }

    /**
     * Judges one case: the server's behaviour (the events it sent) and how the connection ended.
     *
     * @param deadline whether the connection ended in time, or the suite had to close it at the deadline
     */
    public static CaseResult judge(ConformanceCase testCase, Observation seen, Deadline deadline,
                                   List<WireLog.Entry> wireLog, Duration duration) {
        Expectation expected = testCase.expectation();
        Finding behavior = behavior(expected, seen);
        Finding close = close(testCase, seen, deadline);
        if (!expected.informational() && serverKeptOpen(expected.close(), deadline)
                && expected.close().ifServerWaits() == IfServerWaits.BEHAVIOR_FAILS_TOO && behavior.verdict() != Verdict.FAILED) {
            behavior = Finding.of(Reasons.WENT_ON_WITH_INVALID_UTF8, "the server went on with a message it MUST reject ("
                    + behavior.observed() + ")");
        }
        return new CaseResult(testCase, behavior.verdict(), behavior.explanation(), close.verdict(), close.explanation(),
                seen, wireLog, duration);
    }

    // ---------------------------------------------------------------- the events the server sent

    /**
     * Judges the server's events against the expected ones. A rule the server broke comes first; a control
     * frame after its own Close makes an otherwise good (or merely recorded) outcome NON-STRICT.
     */
    static Finding behavior(Expectation expected, Observation seen) {
        if (seen.serverViolation().isPresent()) {
            Violation violation = seen.serverViolation().get();
            return Finding.of(Reasons.brokeRule(violation.rule()), "the server sent " + violation.message());
        }
        Finding events = events(expected, seen.events());
        if (seen.controlFrameAfterClose().isPresent()
                && (events.verdict() == Verdict.OK || events.verdict() == Verdict.INFORMATIONAL)) {
            return Finding.of(Reasons.CONTROL_FRAME_AFTER_CLOSE, events.observed() + "; after its own Close the server"
                    + " sent " + seen.controlFrameAfterClose().get() + ", which §5.5.1 does not forbid: \"The application"
                    + " MUST NOT send any more data frames after sending a Close frame.\"");
        }
        return events;
    }

    /** Judges the server's messages, Pongs and the case's markers against the expected ones. */
    private static Finding events(Expectation expected, List<Observed> seen) {
        if (expected.informational()) {
            return Finding.informational("the RFC leaves this open; observed " + describe(seen));
        }
        // A server may send Pings of its own at any time (keepalive, §5.5.2): they are not judged.
        List<Observed> events = seen.stream().filter(e -> !(e instanceof Observed.Ping)).toList();
        if (events.equals(expected.events()) || expected.alsoOk().contains(events)) {
            return Finding.ok(expected.events().isEmpty() ? "no message, Ping or Pong, as expected"
                    : "observed " + describe(events) + ", as expected");
        }
        if (expected.nonStrictEvents().filter(events::equals).isPresent()) {
            return Finding.of(Reasons.LESS_THAN_AUTOBAHN_EXPECTS, "observed " + describe(events) + ", which the RFC"
                    + " allows, but " + describe(expected.events()) + " is better");
        }
        return Finding.of(mismatch(expected, events), "expected " + describe(expected.events()) + "; observed "
                + describe(events));
    }

    /** Which rule unexpected events break: going on after a frame that fails the connection, a Pong, or a message. */
    private static Reason mismatch(Expectation expected, List<Observed> events) {
        CloseExpectation close = expected.close();
        boolean mustFail = close.closer() == Closer.SERVER && close.ending() == Ending.CLOSE_OR_DROP;
        if (mustFail && events.size() > expected.events().size()
                && events.subList(0, expected.events().size()).equals(expected.events())) {
            return Reasons.EVENTS_AFTER_FAILING;
        }
        if (!pongs(events).equals(pongs(expected.events()))) {
            return Reasons.PONGS_WRONG;
        }
        return Reasons.MESSAGES_MISREAD;
    }

    private static List<Observed> pongs(List<Observed> events) {
        return events.stream().filter(e -> e instanceof Observed.Pong).toList();
    }

    // ---------------------------------------------------------------- how the connection ended

    /** Judges how the connection ended: who closed it, in time or not, and with which Close frame. */
    static Finding close(ConformanceCase testCase, Observation seen, Deadline deadline) {
        CloseExpectation close = testCase.expectation().close();
        if (testCase.expectation().informational()) {
            return Finding.informational("closed " + describeClose(seen, deadline));
        }
        if (serverKeptOpen(close, deadline)) {
            return Finding.of(close.ending() == Ending.CLOSING_HANDSHAKE ? Reasons.CLOSE_NOT_ANSWERED : Reasons.DID_NOT_FAIL,
                    "expected the server to close the connection (with " + codes(close) + ") within "
                            + millis(testCase.deadline()) + "; it did not, so the suite closed it");
        }
        if (deadline == Deadline.SUITE_CLOSED_AT_DEADLINE) {
            // The server was allowed to wait; a Close it sends now only answers the suite's own.
            return Finding.ok("the server waited, as it may; the suite closed the connection at the deadline");
        }
        if (seen.serverLeftTcpOpen()) {
            return Finding.of(Reasons.TCP_LEFT_OPEN, "after the closing handshake the server kept the TCP connection open");
        }
        if (seen.closeReceived().isPresent()) {
            return closeFrame(close, seen.closeReceived().get(), seen.suiteClose());
        }
        return noCloseFrame(close, seen.tcp());
    }

    /** Whether the server had to end the connection by the deadline, and the suite had to instead. */
    private static boolean serverKeptOpen(CloseExpectation close, Deadline deadline) {
        return deadline == Deadline.SUITE_CLOSED_AT_DEADLINE && close.closer() == Closer.SERVER;
    }

    /** Judges the server's Close frame: whether the handshake completed, and its status code. */
    private static Finding closeFrame(CloseExpectation close, CloseStatus status, SuiteClose suiteClose) {
        if (close.ending() == Ending.CLOSING_HANDSHAKE && suiteClose == SuiteClose.NOT_SENT) {
            return Finding.of(Reasons.TCP_CLOSED_BEFORE_HANDSHAKE, "the closing handshake did not complete");
        }
        if (status.equals(CloseStatus.NO_STATUS)) {
            return close.withoutCode() == WithoutCode.AS_GOOD
                    ? Finding.ok("the server closed without a status code")
                    : Finding.of(Reasons.FAILED_WITHOUT_CODE, "the server closed without a status code, expected "
                    + codes(close));
        }
        if (close.codes().contains(status.code().value())) {
            return Finding.ok("the server closed with " + status);
        }
        return Finding.of(close.ending() == Ending.CLOSING_HANDSHAKE ? Reasons.ANSWERED_WITH_OTHER_CODE
                : Reasons.FAILED_WITH_OTHER_CODE, "expected close code " + codes(close) + "; the server sent " + status);
    }

    /** Judges a connection that ended without a Close frame from the server. */
    private static Finding noCloseFrame(CloseExpectation close, Tcp tcp) {
        if (close.ending() == Ending.CLOSING_HANDSHAKE) {
            return Finding.of(Reasons.CLOSE_NOT_ANSWERED, "the server " + (tcp == Tcp.CLOSED ? "closed TCP" : "stopped")
                    + " without a Close frame: the closing handshake did not complete (1006)");
        }
        if (tcp == Tcp.OPEN) {
            return Finding.ok("the suite closed the connection");
        }
        return close.withoutCode() == WithoutCode.AS_GOOD
                ? Finding.ok("the server closed TCP without a Close frame (1006)")
                : Finding.of(Reasons.FAILED_WITHOUT_CODE, "the server closed TCP without a Close frame (1006), expected "
                + codes(close));
    }

    /** The most events a reason lists; a flood's thousands of Pongs are counted, not listed. */
    private static final int LISTED_EVENTS = 10;

    private static String describe(List<Observed> events) {
        if (events.isEmpty()) {
            return "nothing";
        }
        String listed = events.stream().limit(LISTED_EVENTS).map(Observed::toString).collect(Collectors.joining(", "));
        int more = events.size() - LISTED_EVENTS;
        return "[" + listed + (more > 0 ? ", and " + more + " more" : "") + "]";
    }

    private static String describeClose(Observation seen, Deadline deadline) {
        String how = seen.closeReceived().map(status -> "with " + status).orElse("without a Close frame");
        return how + (deadline == Deadline.SUITE_CLOSED_AT_DEADLINE ? " (by the suite, at the deadline)" : "");
    }

    private static String codes(CloseExpectation close) {
        return close.codes().stream().sorted().map(String::valueOf).collect(Collectors.joining(" or "));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}

package dev.wslab.conformance.judge;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.CloseExpectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.conformance.wire.WireLog;
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
     * Judges one case.
     *
     * @param suiteHadToClose whether the server did not end the connection by the deadline, so the suite did
     */
    public static CaseResult judge(ConformanceCase testCase, Observation seen, boolean suiteHadToClose,
                                   List<WireLog.Entry> wireLog, Duration duration) {
        Expectation expected = testCase.expectation();
        // A server may send Pings of its own at any time (keepalive, §5.5.2): they are not judged.
        List<Observed> events = seen.events().stream().filter(e -> !(e instanceof Observed.Ping)).toList();
        Verdict behavior;
        String behaviorReason;
        if (seen.serverViolation().isPresent()) {
            behavior = Verdict.FAILED;
            behaviorReason = "the server sent something RFC 6455 forbids: " + seen.serverViolation().get().message();
        } else if (expected.informational()) {
            behavior = Verdict.INFORMATIONAL;
            behaviorReason = "the RFC leaves this open; observed " + describe(seen.events());
        } else if (events.equals(expected.events()) || expected.alsoOk().contains(events)) {
            behavior = Verdict.OK;
            behaviorReason = expected.events().isEmpty() ? "no message, Ping or Pong, as expected"
                    : "observed " + describe(events) + ", as expected";
        } else if (expected.nonStrictEvents().filter(events::equals).isPresent()) {
            behavior = Verdict.NON_STRICT;
            behaviorReason = "observed " + describe(events) + ", which the RFC allows, but "
                    + describe(expected.events()) + " is better";
        } else {
            behavior = Verdict.FAILED;
            behaviorReason = "expected " + describe(expected.events()) + "; observed " + describe(events);
        }

        CloseExpectation close = expected.close();
        Verdict closeVerdict;
        String closeReason;
        if (expected.informational()) {
            closeVerdict = Verdict.INFORMATIONAL;
            closeReason = "closed " + describeClose(seen, suiteHadToClose);
        } else if (suiteHadToClose && close.serverMustClose()) {
            closeVerdict = Verdict.FAILED;
            closeReason = "expected the server to close the connection (with " + codes(close) + ") within "
                    + millis(testCase.deadline()) + "; it did not, so the suite closed it";
            if (close.notClosingIsFatal() && behavior != Verdict.FAILED) {
                behavior = Verdict.FAILED;
                behaviorReason = "the server went on with a message it MUST reject (" + behaviorReason + ")";
            }
        } else if (suiteHadToClose) {
            // The server was allowed to wait; a Close it sends now only answers the suite's own.
            closeVerdict = Verdict.OK;
            closeReason = "the server waited, as it may; the suite closed the connection at the deadline";
        } else if (seen.serverLeftTcpOpen()) {
            closeVerdict = Verdict.FAILED;
            closeReason = "after the closing handshake the server kept the TCP connection open; §5.5.1: \"The server MUST"
                    + " close the underlying TCP connection immediately\"";
        } else if (seen.closeReceived().isPresent()) {
            CloseStatus status = seen.closeReceived().get();
            boolean noCode = status.equals(CloseStatus.NO_STATUS);
            if (close.requireClean() && !seen.closeSent()) {
                closeVerdict = Verdict.FAILED;
                closeReason = "the closing handshake did not complete";
            } else if (!noCode && close.codes().contains(status.code().value())) {
                closeVerdict = Verdict.OK;
                closeReason = "the server closed with " + status;
            } else if (noCode) {
                closeVerdict = close.noCodeIsStrict() ? Verdict.OK : Verdict.NON_STRICT;
                closeReason = "the server closed without a status code" + (close.noCodeIsStrict() ? ""
                        : "; §7.1.7 says it SHOULD send " + codes(close));
            } else {
                closeVerdict = Verdict.WRONG_CODE;
                closeReason = "expected close code " + codes(close) + "; the server sent " + status;
            }
        } else if (close.requireClean()) {
            closeVerdict = Verdict.FAILED;
            closeReason = "the server " + (seen.tcpClosed() ? "closed TCP" : "stopped") + " without a Close frame:"
                    + " the closing handshake did not complete (1006)";
        } else if (seen.tcpClosed()) {
            closeVerdict = close.noCodeIsStrict() ? Verdict.OK : Verdict.NON_STRICT;
            closeReason = "the server closed TCP without a Close frame (1006)" + (close.noCodeIsStrict() ? ""
                    : "; §7.1.7 says it SHOULD first send a Close frame with " + codes(close));
        } else {
            closeVerdict = Verdict.OK;
            closeReason = "the suite closed the connection";
        }
        return new CaseResult(testCase, behavior, behaviorReason, closeVerdict, closeReason, seen, wireLog, duration);
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

    private static String describeClose(Observation seen, boolean suiteHadToClose) {
        String how = seen.closeReceived().map(status -> "with " + status).orElse("without a Close frame");
        return how + (suiteHadToClose ? " (by the suite, at the deadline)" : "");
    }

    private static String codes(CloseExpectation close) {
        return close.codes().stream().sorted().map(String::valueOf).collect(Collectors.joining(" or "));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}

package dev.wslab.conformance;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Expectation is what a case requires of the server: the events it must send (messages, Pongs), and how
 * the connection must end.
 *
 * @param events the events to observe for an OK verdict, exactly these in this order
 * @param alsoOk other event lists that are just as good, where the RFC allows several outcomes
 * @param nonStrictEvents other events the RFC also allows, which give NON-STRICT
 * @param judging whether the case judges the outcome, or records it where the RFC leaves it open
 * @param afterSteps what the suite does once its steps are sent
 * @param close how the connection must end
 */
public record Expectation(List<Observed> events, List<List<Observed>> alsoOk,
                          Optional<List<Observed>> nonStrictEvents, Judging judging,
                          AfterSteps afterSteps, CloseExpectation close) {

    public Expectation {
        events = List.copyOf(events);
        alsoOk = List.copyOf(alsoOk);
        java.util.Objects.requireNonNull(judging, "judging");
    }

    /** Whether a case judges what the server does, or only records it. */
    public enum Judging {
        /** The case gives OK, NON-STRICT or FAILED by what the RFC requires. */
        JUDGED,
        /** The RFC leaves the outcome open: the case records it as INFORMATIONAL. */
        RECORDED
    }

    /** Tells whether the RFC leaves the outcome open, so that the case records rather than judges. */
    public boolean informational() {
        return judging == Judging.RECORDED;
    }

    /** What the suite does after its steps. */
    public enum AfterSteps {
        /** Once the expected events arrived (or at the deadline), start a normal closing handshake with 1000. */
        CLOSE_NORMALLY,
        /** Wait for the server to close the connection; at the deadline, close it ourselves (the server failed to). */
        WAIT_FOR_SERVER_TO_CLOSE
    }

    /**
     * CloseExpectation says how the connection must end.
     *
     * @param codes the close codes the server's Close frame may carry
     * @param withoutCode how a Close frame without a code, or TCP closed without a Close, is judged
     * @param ending whether both Close frames must be exchanged (§7.1.4)
     * @param closer who may end the connection: the server itself, or the suite at the deadline
     * @param ifServerWaits what else a server that does not close by the deadline fails
     */
    public record CloseExpectation(Set<Integer> codes, WithoutCode withoutCode, Ending ending, Closer closer,
                                   IfServerWaits ifServerWaits) {
        public CloseExpectation {
            codes = Set.copyOf(codes);
            java.util.Objects.requireNonNull(withoutCode, "withoutCode");
            java.util.Objects.requireNonNull(ending, "ending");
            java.util.Objects.requireNonNull(closer, "closer");
            java.util.Objects.requireNonNull(ifServerWaits, "ifServerWaits");
        }
    }

    /** How a Close frame without a status code, or a TCP close without any Close frame, is judged. */
    public enum WithoutCode {
        /** As good as one of the expected codes. */
        AS_GOOD,
        /** NON-STRICT: §7.1.7 says an endpoint failing the connection SHOULD send a Close frame with a code. */
        NON_STRICT
    }

    /** How the connection must end. */
    public enum Ending {
        /** Both Close frames are exchanged before TCP closes (§7.1.4). */
        CLOSING_HANDSHAKE,
        /** A Close frame, or TCP closed without one: the server may drop a connection it fails. */
        CLOSE_OR_DROP
    }

    /** Who may end the connection. */
    public enum Closer {
        /** The server must end it itself, before the deadline. */
        SERVER,
        /** The server may wait; the suite closes the connection at the deadline. */
        SERVER_OR_SUITE
    }

    /** What a server that is expected to close, but does not by the deadline, fails besides its close verdict. */
    public enum IfServerWaits {
        /** Only the close verdict. */
        CLOSE_FAILS,
        /** The behaviour verdict too: it went on with a message it MUST reject (e.g. invalid UTF-8, §8.1). */
        BEHAVIOR_FAILS_TOO
    }

    /** The server echoes exactly {@code events}; then the suite closes with 1000 and the server replies cleanly. */
    public static Expectation echo(Observed... events) {
        return new Expectation(List.of(events), List.of(), Optional.empty(), Judging.JUDGED, AfterSteps.CLOSE_NORMALLY,
                new CloseExpectation(Set.of(1000), WithoutCode.AS_GOOD, Ending.CLOSING_HANDSHAKE, Closer.SERVER_OR_SUITE,
                        IfServerWaits.CLOSE_FAILS));
    }

    /**
     * The server must fail the connection with {@code code} (a bare TCP close or a Close without code is
     * NON-STRICT) and send no events; with {@code beforeFailing}, those events first.
     */
    public static Expectation fails(int code, Observed... beforeFailing) {
        // Autobahn's rule: ignoring invalid UTF-8 is a wrong behaviour, not just a wrong close
        IfServerWaits ifServerWaits = code == 1007 ? IfServerWaits.BEHAVIOR_FAILS_TOO : IfServerWaits.CLOSE_FAILS;
        return new Expectation(List.of(beforeFailing), List.of(), Optional.empty(), Judging.JUDGED, AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(Set.of(code), WithoutCode.NON_STRICT, Ending.CLOSE_OR_DROP, Closer.SERVER, ifServerWaits));
    }

    /**
     * The suite's steps end with its own Close frame; the server must answer it cleanly with one of
     * {@code codes} (or no code), and send no events in between.
     */
    public static Expectation answersClose(Integer... codes) {
        return new Expectation(List.of(), List.of(), Optional.empty(), Judging.JUDGED, AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(Set.copyOf(List.of(codes)), WithoutCode.AS_GOOD, Ending.CLOSING_HANDSHAKE, Closer.SERVER,
                        IfServerWaits.CLOSE_FAILS));
    }

    /**
     * The suite's steps end with a Close frame that breaks a rule; the server must fail the connection, with
     * one of {@code codes}: a Close without a code, or TCP dropped without a Close, is NON-STRICT, as for
     * {@link #fails} (§7.1.7: "SHOULD send a Close frame with an appropriate status code").
     */
    public static Expectation rejectsClose(Integer... codes) {
        return new Expectation(List.of(), List.of(), Optional.empty(), Judging.JUDGED, AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(Set.copyOf(List.of(codes)), WithoutCode.NON_STRICT, Ending.CLOSE_OR_DROP,
                        Closer.SERVER, IfServerWaits.CLOSE_FAILS));
    }

    /**
     * The suite's steps are something the server may end the connection over; it closes with one of
     * {@code codes} or drops TCP, and sends no events; with {@link Closer#SERVER_OR_SUITE}, it may also wait.
     */
    public static Expectation closes(Closer closer, Integer... codes) {
        return new Expectation(List.of(), List.of(), Optional.empty(), Judging.JUDGED, AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(Set.copyOf(List.of(codes)), WithoutCode.AS_GOOD, Ending.CLOSE_OR_DROP, closer,
                        IfServerWaits.CLOSE_FAILS));
    }

    /** The RFC does not say what the server must do: the case records the outcome as INFORMATIONAL. */
    public static Expectation informational(AfterSteps afterSteps) {
        return new Expectation(List.of(), List.of(), Optional.empty(), Judging.RECORDED, afterSteps,
                new CloseExpectation(Set.of(), WithoutCode.AS_GOOD, Ending.CLOSE_OR_DROP, Closer.SERVER_OR_SUITE,
                        IfServerWaits.CLOSE_FAILS));
    }

    /** Returns a copy where {@code events} are also allowed, with a NON-STRICT verdict. */
    public Expectation orNonStrict(Observed... alternative) {
        return new Expectation(events, alsoOk, Optional.of(List.of(alternative)), judging, afterSteps, close);
    }

    /** Returns a copy where {@code events} are also allowed, just as good (an OK verdict). */
    public Expectation orAlso(List<Observed> alternative) {
        List<List<Observed>> all = new java.util.ArrayList<>(alsoOk);
        all.add(List.copyOf(alternative));
        return new Expectation(events, all, nonStrictEvents, judging, afterSteps, close);
    }
}

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
 * @param informational whether the RFC leaves the outcome open: the case records, it does not judge
 * @param afterSteps what the suite does once its steps are sent
 * @param close how the connection must end
 */
public record Expectation(List<Observed> events, List<List<Observed>> alsoOk,
                          Optional<List<Observed>> nonStrictEvents, boolean informational,
                          AfterSteps afterSteps, CloseExpectation close) {

    public Expectation {
        events = List.copyOf(events);
        alsoOk = List.copyOf(alsoOk);
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
     * @param noCodeIsStrict whether a Close frame without a code, or TCP closed without one, is as good
     *     as one of {@code codes}; if not, it is NON-STRICT (§7.1.7: "SHOULD send a Close frame with an
     *     appropriate status code")
     * @param requireClean whether both Close frames must be exchanged (§7.1.4)
     * @param serverMustClose whether the server must end the connection itself, before the deadline
     * @param notClosingIsFatal whether the server not closing also fails the main verdict (it kept
     *     processing a message it MUST reject, e.g. invalid UTF-8)
     */
    public record CloseExpectation(Set<Integer> codes, boolean noCodeIsStrict, boolean requireClean,
                                   boolean serverMustClose, boolean notClosingIsFatal) {
        public CloseExpectation {
            codes = Set.copyOf(codes);
        }
    }

    /** The server echoes exactly {@code events}; then the suite closes with 1000 and the server replies cleanly. */
    public static Expectation echo(Observed... events) {
        return new Expectation(List.of(events), List.of(), Optional.empty(), false, AfterSteps.CLOSE_NORMALLY,
                new CloseExpectation(Set.of(1000), true, true, false, false));
    }

    /**
     * The server must fail the connection with {@code code} (a bare TCP close or a Close without code is
     * NON-STRICT) and send no events; with {@code beforeFailing}, those events first.
     */
    public static Expectation fails(int code, Observed... beforeFailing) {
        boolean fatal = code == 1007; // Autobahn's rule: ignoring invalid UTF-8 is a wrong behaviour, not just a wrong close
        return new Expectation(List.of(beforeFailing), List.of(), Optional.empty(), false, AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(Set.of(code), false, false, true, fatal));
    }

    /**
     * The suite's steps end with its own Close frame; the server must answer it cleanly with one of
     * {@code codes} (or no code), and send no events in between.
     */
    public static Expectation answersClose(Integer... codes) {
        return new Expectation(List.of(), List.of(), Optional.empty(), false, AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(new java.util.HashSet<>(List.of(codes)), true, true, true, false));
    }

    /**
     * The suite's steps end with a Close frame that breaks a rule; the server must fail the connection with
     * one of {@code codes}, or drop it.
     */
    public static Expectation rejectsClose(Integer... codes) {
        return new Expectation(List.of(), List.of(), Optional.empty(), false, AfterSteps.WAIT_FOR_SERVER_TO_CLOSE,
                new CloseExpectation(new java.util.HashSet<>(List.of(codes)), true, false, true, false));
    }

    /** The RFC does not say what the server must do: the case records the outcome as INFORMATIONAL. */
    public static Expectation informational(AfterSteps afterSteps) {
        return new Expectation(List.of(), List.of(), Optional.empty(), true, afterSteps,
                new CloseExpectation(Set.of(), true, false, false, false));
    }

    /** Returns a copy where {@code events} are also allowed, with a NON-STRICT verdict. */
    public Expectation orNonStrict(Observed... alternative) {
        return new Expectation(events, alsoOk, Optional.of(List.of(alternative)), informational, afterSteps, close);
    }

    /** Returns a copy where {@code events} are also allowed, just as good (an OK verdict). */
    public Expectation orAlso(List<Observed> alternative) {
        List<List<Observed>> all = new java.util.ArrayList<>(alsoOk);
        all.add(List.copyOf(alternative));
        return new Expectation(events, all, nonStrictEvents, informational, afterSteps, close);
    }
}

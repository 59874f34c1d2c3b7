package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.frame.Frame;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Liveness is the check that a server still serves others: a fresh connection completes its handshake and
 * echoes a short text message within 2 s (scaled with the target's time scale).
 */
final class Liveness {

    private static final String MESSAGE = "liveness-check-16";

    private Liveness() {
    }

    /** Runs the check against {@code target}; {@code id} names it in the log. */
    static CaseResult check(String id, Target target) throws InterruptedException {
        ConformanceCase check = new ConformanceCase(id + "-liveness", "Robustness",
                "A fresh connection echoes a short text message.", List.of("10.4"),
                List.of(new Step.Send(List.of(Frame.text(MESSAGE)), Step.Writing.WHOLE)),
                Expectation.echo(Observed.text(MESSAGE)), Duration.ofSeconds(2), "", Optional.empty());
        return CaseExecutor.run(check, target);
    }
}

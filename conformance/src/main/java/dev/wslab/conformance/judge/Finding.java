package dev.wslab.conformance.judge;

import dev.wslab.conformance.Verdict;

import java.util.Objects;
import java.util.Optional;

/**
 * Finding is one judgement of the judge: a verdict, what was observed, and, for any verdict but OK, the
 * {@link Reason} with the clause it rests on. A FAILED, WRONG CODE, NON-STRICT or UNSAFE finding cannot be made
 * without one.
 *
 * @param verdict the verdict
 * @param observed what the server did, in plain words
 * @param reason the rule of the judge that gives the verdict, with its clause; empty for OK
 */
public record Finding(Verdict verdict, String observed, Optional<Reason> reason) {

    public Finding {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(reason, "reason");
        boolean needsReason = verdict == Verdict.FAILED || verdict == Verdict.WRONG_CODE || verdict == Verdict.NON_STRICT
                || verdict == Verdict.UNSAFE;
        if (needsReason && reason.isEmpty()) {
            throw new IllegalArgumentException("a " + verdict + " finding needs a reason with its clause: " + observed);
        }
        if (reason.isPresent() && reason.get().verdict() != verdict) {
            throw new IllegalArgumentException("the reason " + reason.get().name() + " gives " + reason.get().verdict()
                    + ", not " + verdict);
        }
    }

    /** The server did what the case requires. */
    static Finding ok(String observed) {
        return new Finding(Verdict.OK, observed, Optional.empty());
    }

    /** The RFC leaves this open: recorded, not judged. */
    static Finding informational(String observed) {
        return new Finding(Verdict.INFORMATIONAL, observed, Optional.empty());
    }

    /** The verdict of {@code reason}, for what was observed. */
    static Finding of(Reason reason, String observed) {
        return new Finding(reason.verdict(), observed, Optional.of(reason));
    }

    /** Returns what was observed and, with a reason, the clause it breaks, e.g. {@code ...; §5.5.1 (MUST): "..."}. */
    public String explanation() {
        return observed + reason.map(r -> "; " + r.clause().citation()).orElse("");
    }
}

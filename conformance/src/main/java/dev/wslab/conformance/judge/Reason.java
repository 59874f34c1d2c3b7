package dev.wslab.conformance.judge;

import dev.wslab.conformance.Verdict;

import java.util.Objects;

/**
 * Reason is one rule of the judge that gives a verdict other than OK: its verdict and the clause it rests
 * on. A reason cannot be made without a clause, nor with a verdict its clause's keyword does not allow
 * (FAILED only for a MUST or MUST NOT).
 *
 * @param name the reason in a few words, e.g. {@code data frame after the server's Close}
 * @param verdict the verdict it gives
 * @param clause the text it rests on
 */
public record Reason(String name, Verdict verdict, Clause clause) {

    public Reason {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(clause, "clause");
        if (verdict == Verdict.OK) {
            throw new IllegalArgumentException("OK needs no reason");
        }
        if (!clause.keyword().allows(verdict)) {
            throw new IllegalArgumentException(name + ": a " + clause.keyword().text() + " clause cannot give " + verdict);
        }
    }
}

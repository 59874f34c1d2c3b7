package dev.wslab.conformance.judge;

import dev.wslab.conformance.Verdict;

import java.util.EnumSet;
import java.util.Set;

/**
 * Keyword is how binding a clause is (RFC 2119 for RFC 6455's own words), and so which verdicts a reason
 * that cites it may give: breaking a MUST or MUST NOT is FAILED; a SHOULD not followed is NON-STRICT (or,
 * for a close code, Autobahn's WRONG CODE); prose that is not a requirement, and Autobahn's expectations
 * beyond the RFC, give at most NON-STRICT.
 */
public enum Keyword {
    MUST(Verdict.FAILED),
    MUST_NOT(Verdict.FAILED),
    SHOULD(Verdict.NON_STRICT, Verdict.WRONG_CODE),
    SHOULD_NOT(Verdict.NON_STRICT, Verdict.WRONG_CODE),
    MAY(Verdict.INFORMATIONAL),
    /** Words of the RFC that state no requirement (§1's overview, "typically", "such as"), or Autobahn's expectation. */
    NOT_NORMATIVE(Verdict.NON_STRICT, Verdict.WRONG_CODE, Verdict.INFORMATIONAL),
    /**
     * A limit the RFC leaves to each implementation (§10.4: what limits it has is its own business); a robustness
     * probe that assumed one and found it missing gives UNSAFE, never FAILED.
     */
    LEFT_TO_THE_SERVER(Verdict.UNSAFE, Verdict.INFORMATIONAL);

    private final Set<Verdict> verdicts;

    Keyword(Verdict first, Verdict... more) {
        this.verdicts = EnumSet.of(first, more);
    }

    /** Tells whether a reason citing a clause with this keyword may give {@code verdict}. */
    public boolean allows(Verdict verdict) {
        return verdicts.contains(verdict);
    }

    /** Returns the keyword as the RFC writes it, e.g. {@code MUST NOT}. */
    public String text() {
        return switch (this) {
            case NOT_NORMATIVE -> "not normative";
            case LEFT_TO_THE_SERVER -> "left to the server";
            default -> name().replace('_', ' ');
        };
    }
}

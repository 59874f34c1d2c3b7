package dev.wslab.conformance;

/**
 * Verdict is a case's outcome, named as Autobahn|Testsuite names them so reports can be compared.
 * Ordered from best to worst.
 */
public enum Verdict {
    /** The server did what the RFC requires. */
    OK,
    /** The RFC leaves the outcome open; recorded, not judged. */
    INFORMATIONAL,
    /** The server did not implement an optional feature the case needs. */
    UNIMPLEMENTED,
    /** The server did something the RFC allows, but not the best thing (a SHOULD not followed). */
    NON_STRICT,
    /**
     * The server missed a robustness expectation that rests on a policy RFC 6455 leaves to the server
     * (§10.4: timeouts, size and count limits), as assumed or as stated with {@code --expect-*}: not an RFC
     * failure, so it fails a run only on request ({@link UnsafeVerdicts#FAIL}). wslab's own verdict; Autobahn
     * has none like it.
     */
    UNSAFE,
    /** The server closed with a code the RFC does not allow here. */
    WRONG_CODE,
    /** The server broke a MUST of the RFC. */
    FAILED;

    /** Returns the worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Tells whether this verdict fails a run. */
    public boolean isFailure() {
        return this == FAILED || this == WRONG_CODE;
    }

    /** Tells whether this verdict fails a run, given how UNSAFE verdicts are to count. */
    public boolean isFailure(UnsafeVerdicts unsafe) {
        return isFailure() || this == UNSAFE && unsafe == UnsafeVerdicts.FAIL;
    }

    /** Returns the name as Autobahn reports it, e.g. {@code NON-STRICT}. */
    public String autobahnName() {
        return name().replace('_', '-').replace("WRONG-CODE", "WRONG CODE");
    }
}

package dev.wslab.conformance;

/**
 * UnsafeVerdicts says whether an {@link Verdict#UNSAFE} verdict (a robustness probe's policy miss, never
 * an RFC failure) fails a run: by default it is reported apart and does not.
 */
public enum UnsafeVerdicts {
    /** Listed apart in the summary and the reports; the run still passes. */
    REPORT,
    /** Also fails the run ({@code ./wslab conform --fail-on-unsafe}). */
    FAIL
}

package dev.wslab.conformance;

/** TestTiming holds how much slack the suite's own tests give servers: CI machines are small and busy. */
public final class TestTiming {

    /** Deadlines and pauses three times the catalog's: passing cases are not slowed, only failing ones wait. */
    public static final double SCALE = 3.0;

    private TestTiming() {
    }
}

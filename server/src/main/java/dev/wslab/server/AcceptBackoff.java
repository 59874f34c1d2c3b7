package dev.wslab.server;

import java.time.Duration;

/**
 * AcceptBackoff is how long the accept loop pauses after {@code accept()} failed. The usual cause is
 * running out of file descriptors ({@code EMFILE}, "Too many open files", at the {@code ulimit -n}
 * limit): retrying at once would spin a core and flood the log while no descriptor is free. The pause
 * starts at 50 ms and doubles up to 1.6 s; the first successful accept resets it.
 */
final class AcceptBackoff {

    static final Duration FIRST = Duration.ofMillis(50);
    static final Duration MAX = Duration.ofMillis(1600);

    private Duration next = Duration.ZERO;

    /** Returns the pause after one more failure in a row. */
    Duration failed() {
        next = next.isZero() ? FIRST : next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return next;
    }

    /** Forgets earlier failures: the next failure pauses {@link #FIRST} again. */
    void succeeded() {
        next = Duration.ZERO;
    }
}

package dev.wslab.tutorials.debugging;

import dev.wslab.protocol.connection.ConnectionState;

import java.time.Instant;
import java.util.Objects;

/**
 * StateChange is one line of a client's state log: when, which state (RFC 6455 §4.1, §7), and why.
 *
 * @param at when it happened
 * @param state the state entered
 * @param detail why: the target, the close codes and reasons, an abort's cause; may be empty
 */
public record StateChange(Instant at, ConnectionState state, String detail) {

    public StateChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    /** Returns the line logged, e.g. {@code 2026-11-30T17:00:00.123Z CLOSED code=1000 ...}. */
    @Override
    public String toString() {
        return at + " " + state + (detail.isEmpty() ? "" : " " + detail);
    }
}

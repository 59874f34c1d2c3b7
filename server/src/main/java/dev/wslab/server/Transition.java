package dev.wslab.server;

import dev.wslab.protocol.connection.ConnectionState;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * Transition is one step of a connection's life (RFC 6455 §4.1, §7: CONNECTING, OPEN, CLOSING, CLOSED),
 * as the server logs it.
 *
 * @param at when it happened
 * @param remote the peer's address
 * @param state the state entered
 * @param detail why: the request path, the close codes and reasons, an abort's cause; may be empty
 */
public record Transition(Instant at, SocketAddress remote, ConnectionState state, String detail) {

    public Transition {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    /** Returns the line logged: timestamp, remote address, state and detail. */
    @Override
    public String toString() {
        return at + " " + remote + " " + state + (detail.isEmpty() ? "" : " " + detail);
    }
}

package dev.wslab.transport;

import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;

import java.time.Duration;

/**
 * SessionObserver is told what happens on a session, for logs, metrics and traces. Every method has an
 * empty default; calls come from the session's own threads and must return quickly.
 */
public interface SessionObserver {

    /** Observes nothing. */
    SessionObserver NONE = new SessionObserver() {
    };

    // tag::state-changed[]
    /** The connection moved to {@code state}; {@code detail} says why (a close code and reason, an error). */
    default void stateChanged(WebSocketSession session, ConnectionState state, String detail) {
    }
    // end::state-changed[]

    /** The connection reported {@code event}. */
    default void event(WebSocketSession session, Event event) {
    }

    /** Bytes were read from the socket ({@link Direction#INBOUND}) or written to it ({@link Direction#OUTBOUND}). */
    default void bytes(WebSocketSession session, Direction direction, byte[] bytes, int offset, int length) {
    }

    /** A Pong answered this session's Ping after {@code roundTrip}. */
    default void pongReceived(WebSocketSession session, Duration roundTrip) {
    }
}

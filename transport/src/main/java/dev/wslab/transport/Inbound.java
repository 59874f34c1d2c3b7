package dev.wslab.transport;

/**
 * Inbound is what a session's reader hands the application through {@link WebSocketSession#receive()}, in
 * order: the messages, then the end of them.
 */
sealed interface Inbound {

    /** A whole message the peer sent. */
    record Received(Message message) implements Inbound {
    }

    /** The connection has ended and no message follows; it stays in the queue for every later receive. */
    record End() implements Inbound {
    }
}

package dev.wslab.protocol.connection;

import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Payload;

import java.util.Optional;

/**
 * Event is what a {@link Connection} reports to the application after it was given bytes: a message, a
 * control frame, the opening or the end of the connection. Take them with {@link Connection#takeEvents()}.
 * What the opening handshake learns before is the outcome of {@link ClientOpening} or {@link ServerOpening}.
 *
 * <p>The connection has already done what the RFC requires in answer (a Pong for a Ping, a Close for a
 * Close); the events only inform.
 */
public sealed interface Event {

    /**
     * The opening handshake succeeded; the connection is {@link ConnectionState#OPEN}. A connection that
     * {@link ClientOpening} or {@link ServerOpening} opened reports it first.
     */
    record Opened(Optional<String> subprotocol) implements Event {
    }

    /** A whole text message arrived, validated as UTF-8 (§5.6, §8.1). */
    record TextMessage(String text) implements Event {
    }

    /** A whole binary message arrived. */
    record BinaryMessage(Payload data) implements Event {
    }

    /** A Ping arrived; the connection has queued the Pong with the same payload (§5.5.2). */
    record PingReceived(Payload payload) implements Event {
    }

    /** A Pong arrived, solicited or not (§5.5.3). */
    record PongReceived(Payload payload) implements Event {
    }

    /** A Close frame arrived; if this side had not sent one, the connection has queued its reply (§5.5.1). */
    record CloseReceived(CloseStatus status) implements Event {
    }

    /**
     * The peer broke a rule of the protocol; the connection was failed (§7.1.7): a Close frame with the
     * violation's code was queued if none had been sent, and the connection is {@link ConnectionState#CLOSED}.
     */
    record Failed(Violation violation) implements Event {
    }

    /**
     * The connection is {@link ConnectionState#CLOSED}: the transport should be closed now.
     *
     * @param received the status of the Close frame received (§7.1.5, §7.1.6), {@link CloseStatus#NO_STATUS}
     *     for an empty one, or {@link CloseStatus#ABNORMAL} (1006) when none was received
     * @param sent the status of the Close frame this side sent, or {@link CloseStatus#ABNORMAL} when none was
     * @param cleanly whether the closing handshake completed: a Close frame went each way (§7.1.4)
     */
    record Closed(CloseStatus received, CloseStatus sent, boolean cleanly) implements Event {
    }
}

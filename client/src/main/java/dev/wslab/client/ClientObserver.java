package dev.wslab.client;

import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.Direction;
import dev.wslab.transport.HandshakeDriver;
import dev.wslab.transport.HandshakeTap;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.WebSocketSession;

import java.time.Duration;
import java.util.List;

/**
 * ClientObserver is a {@link SessionObserver} that is also told about the opening handshake, which
 * happens before the session exists: for traces that show every byte of a connection from its start.
 */
public interface ClientObserver extends SessionObserver {

    /** Observes nothing. */
    ClientObserver NONE = new ClientObserver() {
    };

    /** The client is opening a connection to {@code target} (TCP, then TLS for wss, then the handshake). */
    default void connecting(String target) {
    }

    /**
     * Bytes were written or read during the opening handshake. A read may hold the end of the response head
     * and the server's first frames.
     */
    default void handshakeBytes(Direction direction, byte[] bytes, int offset, int length) {
    }

    /** Returns the tap that shows this observer the handshake's bytes as {@link HandshakeDriver} moves them. */
    default HandshakeTap handshakeTap() {
        ClientObserver observer = this;
        return new HandshakeTap() {
            @Override
            public void sent(byte[] bytes, int offset, int length) {
                observer.handshakeBytes(Direction.OUTBOUND, bytes, offset, length);
            }

            @Override
            public void received(byte[] bytes, int offset, int length) {
                observer.handshakeBytes(Direction.INBOUND, bytes, offset, length);
            }
        };
    }

    /**
     * Returns an observer that tells each of {@code observers}, in order; plain {@link SessionObserver}s
     * see the session only, not the handshake.
     */
    static ClientObserver all(SessionObserver... observers) {
        List<SessionObserver> list = List.of(observers);
        return new ClientObserver() {
            @Override
            public void connecting(String target) {
                list.forEach(o -> {
                    if (o instanceof ClientObserver c) {
                        c.connecting(target);
                    }
                });
            }

            @Override
            public void handshakeBytes(Direction direction, byte[] bytes, int offset, int length) {
                list.forEach(o -> {
                    if (o instanceof ClientObserver c) {
                        c.handshakeBytes(direction, bytes, offset, length);
                    }
                });
            }

            @Override
            public void stateChanged(WebSocketSession session, ConnectionState state, String detail) {
                list.forEach(o -> o.stateChanged(session, state, detail));
            }

            @Override
            public void event(WebSocketSession session, Event event) {
                list.forEach(o -> o.event(session, event));
            }

            @Override
            public void bytes(WebSocketSession session, Direction direction, byte[] bytes, int offset, int length) {
                list.forEach(o -> o.bytes(session, direction, bytes, offset, length));
            }

            @Override
            public void pongReceived(WebSocketSession session, Duration roundTrip) {
                list.forEach(o -> o.pongReceived(session, roundTrip));
            }
        };
    }
}

package dev.wslab.protocol.handshake;

import dev.wslab.protocol.http.HttpResponse;

import java.util.Objects;
import java.util.Optional;

/**
 * ClientHandshakeResult is what a client learns from the server's response to its opening handshake:
 * the connection is {@link Accepted}, or the handshake failed with a {@link HandshakeFailure}.
 */
public sealed interface ClientHandshakeResult permits ClientHandshakeResult.Accepted, HandshakeFailure {

    /**
     * Accepted says the server switched to WebSocket: the connection is OPEN (RFC 6455 §4.1).
     *
     * @param subprotocol the subprotocol in use, one the client offered; empty when the server chose none
     * @param response the server's 101 response, e.g. to read cookies it set
     */
    record Accepted(Optional<String> subprotocol, HttpResponse response) implements ClientHandshakeResult {

        public Accepted {
            Objects.requireNonNull(subprotocol, "subprotocol");
            Objects.requireNonNull(response, "response");
        }
    }
}

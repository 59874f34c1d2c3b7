package dev.wslab.protocol.handshake;

import dev.wslab.protocol.deflate.AgreedDeflate;
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
     * @param deflate permessage-deflate as agreed, when the client offered it and the server accepted; else empty
     */
    record Accepted(Optional<String> subprotocol, HttpResponse response, Optional<AgreedDeflate> deflate)
            implements ClientHandshakeResult {

        public Accepted {
            Objects.requireNonNull(subprotocol, "subprotocol");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(deflate, "deflate");
        }

        /** An acceptance without compression. */
        public Accepted(Optional<String> subprotocol, HttpResponse response) {
            this(subprotocol, response, Optional.empty());
        }
    }
}

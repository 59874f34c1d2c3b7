package dev.wslab.protocol.handshake;

import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;

import java.util.Objects;
import java.util.Optional;

/**
 * ServerHandshakeResult is a server's verdict on a client's opening handshake: {@link Accepted}, with the
 * 101 response to send, or a {@link HandshakeRejection}, with the error response to send.
 */
public sealed interface ServerHandshakeResult permits ServerHandshakeResult.Accepted, HandshakeRejection {

    /** Returns the bytes to write back to the client. */
    byte[] toBytes();

    /**
     * Accepted says the request is a valid WebSocket handshake. Once {@link #response()} is written the
     * connection is OPEN (§4.2.2), unless the caller decides otherwise first, e.g. from {@link #origin()}.
     *
     * @param request the client's request, for its other headers (cookies, Authorization)
     * @param resourceName the path and query the client asked for, e.g. {@code /chat?room=1} (§3)
     * @param subprotocol the subprotocol selected, always one the client offered; empty for none
     * @param response the 101 Switching Protocols response to send
     * @param deflate permessage-deflate as agreed, when the server accepted an offer of it; empty for none
     */
    record Accepted(HttpRequest request, String resourceName, Optional<String> subprotocol, HttpResponse response,
                    Optional<AgreedDeflate> deflate) implements ServerHandshakeResult {

        public Accepted {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(resourceName, "resourceName");
            Objects.requireNonNull(subprotocol, "subprotocol");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(deflate, "deflate");
        }

        /** An acceptance without compression. */
        public Accepted(HttpRequest request, String resourceName, Optional<String> subprotocol, HttpResponse response) {
            this(request, resourceName, subprotocol, response, Optional.empty());
        }

        /**
         * Returns the {@code Origin} the client sent, if any. It is not judged here: a server that serves
         * browsers should check it against an allow-list and answer 403 to others (§4.2.2, §10.2).
         */
        public Optional<String> origin() {
            return request.headers().first(WebSocketHeaders.ORIGIN);
        }

        @Override
        public byte[] toBytes() {
            return response.toBytes();
        }
    }
}

package dev.wslab.protocol.handshake;

import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpResponse;

import java.util.Objects;
import java.util.Optional;

/**
 * HandshakeFailure says why a client refused the server's response to its opening handshake, which means
 * it MUST fail the WebSocket connection (RFC 6455 §4.1).
 *
 * @param kind which check failed
 * @param detail what exactly was seen, e.g. the status and what it usually means
 * @param response the response that was refused, e.g. to follow a redirect or read WWW-Authenticate;
 *     empty when no valid response head arrived
 */
public record HandshakeFailure(Kind kind, String detail, Optional<HttpResponse> response) implements ClientHandshakeResult {

    /** Kind names each check of RFC 6455 §4.1 that a server response can fail. */
    public enum Kind {
        /** The status is not 101; the server did not switch protocols (§4.1 step 1). */
        UNEXPECTED_STATUS("the server did not switch protocols"),
        /** {@code Upgrade} is missing or is not {@code websocket} (§4.1 step 2). */
        INVALID_UPGRADE("the Upgrade header is not \"websocket\""),
        /** {@code Connection} is missing or lacks the {@code Upgrade} token (§4.1 step 3). */
        INVALID_CONNECTION("the Connection header lacks the \"Upgrade\" token"),
        /** {@code Sec-WebSocket-Accept} is missing or does not match the key sent (§4.1 step 4). */
        INVALID_ACCEPT("Sec-WebSocket-Accept does not match the key sent"),
        /** The server named an extension, but the client offered none, or another one (§4.1 step 5). */
        UNEXPECTED_EXTENSION("the server selected an extension that was not offered"),
        /**
         * The server's {@code Sec-WebSocket-Extensions} breaks the §9.1 grammar, names more than one element, or
         * accepts permessage-deflate with parameters the client MUST refuse (RFC 7692 §7); the detail names which.
         */
        INVALID_EXTENSION_RESPONSE("the server's answer to the permessage-deflate offer must be refused", "RFC 7692 §7"),
        /** The server named a subprotocol the client did not offer, or more than one (§4.1 step 6). */
        UNEXPECTED_SUBPROTOCOL("the server selected a subprotocol that was not offered"),
        /** The bytes the server sent are not a valid HTTP/1.1 response head (§4.1: the client MUST fail). */
        MALFORMED_RESPONSE("the server's answer is not a valid HTTP/1.1 response"),
        /** The server closed the connection before its response head was complete. */
        CLOSED_BEFORE_RESPONSE("the server closed the connection before answering the handshake");

        private final String description;
        private final String citation;

        Kind(String description) {
            this(description, "RFC 6455 §4.1");
        }

        Kind(String description, String citation) {
            this.description = description;
            this.citation = citation;
        }

        /** Returns what was wrong, in plain words. */
        public String description() {
            return description;
        }

        /** Returns the RFC and section the check rests on, e.g. {@code "RFC 6455 §4.1"}. */
        public String citation() {
            return citation;
        }
    }

    /** Returns the failure for a response head that could not be parsed. */
    public static HandshakeFailure malformed(HttpHeadException e) {
        return new HandshakeFailure(Kind.MALFORMED_RESPONSE, e.getMessage(), Optional.empty());
    }

    /** Returns the failure for a connection that ended before the response head was complete. */
    public static HandshakeFailure closedBeforeResponse() {
        return new HandshakeFailure(Kind.CLOSED_BEFORE_RESPONSE, "", Optional.empty());
    }

    public HandshakeFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(response, "response");
    }

    /** Returns a one-line explanation: what was wrong, what was seen, and the RFC section. */
    public String message() {
        return kind.description() + (detail.isEmpty() ? "" : " (" + detail + ")") + " [" + kind.citation() + "]";
    }
}

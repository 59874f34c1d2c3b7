package dev.wslab.client;

import dev.wslab.protocol.handshake.HandshakeFailure;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ConnectFailedException says why {@link WebSocketClient#connect} could not open a WebSocket connection,
 * in one line a person can act on, with a {@link Kind} a program can act on (e.g. not retrying a 401).
 */
public final class ConnectFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Kind names each step of opening a connection that can fail, in the order they happen. */
    public enum Kind {
        /** The URL is not a ws:// or wss:// URI (RFC 6455 §3); retrying cannot help. */
        BAD_URL,
        /** The host name could not be resolved. */
        UNKNOWN_HOST,
        /** Nothing listens on the port: the TCP connection was refused. */
        REFUSED,
        /** TCP did not connect within the connect timeout. */
        CONNECT_TIMEOUT,
        /** TCP failed for another reason (no route, reset, ...). */
        NETWORK,
        /** The TLS handshake of wss:// failed: an untrusted certificate, a wrong host name, no common cipher. */
        TLS,
        /** The server did not complete the opening handshake within the handshake timeout. */
        HANDSHAKE_TIMEOUT,
        /** The server's answer to the opening handshake was refused (§4.1), e.g. a status other than 101. */
        HANDSHAKE_FAILED
    }

    private final Kind kind;
    private final transient HandshakeFailure handshakeFailure;

    ConnectFailedException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.handshakeFailure = null;
    }

    ConnectFailedException(String message, HandshakeFailure failure) {
        super(message);
        this.kind = Kind.HANDSHAKE_FAILED;
        this.handshakeFailure = Objects.requireNonNull(failure, "failure");
    }

    /** Returns which step failed. */
    public Kind kind() {
        return kind;
    }

    /** Returns the handshake failure, when the kind is {@link Kind#HANDSHAKE_FAILED}. */
    public Optional<HandshakeFailure> handshakeFailure() {
        return Optional.ofNullable(handshakeFailure);
    }

    /** Returns the HTTP status the server answered the handshake with, when it answered with one. */
    public OptionalInt httpStatus() {
        return handshakeFailure().flatMap(HandshakeFailure::response)
                .map(response -> OptionalInt.of(response.status())).orElse(OptionalInt.empty());
    }
}

package dev.wslab.server;

import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.http.HttpRequest;

import java.util.Optional;

/**
 * Authenticator decides, from the handshake request alone, whether a client may open a WebSocket; it
 * runs after the request was validated and before the 101 response is sent (RFC 6455 §4.2.2 step 2:
 * the server "MAY perform additional client authentication, for example, by returning a 401 status
 * code with the corresponding |WWW-Authenticate| header field").
 *
 * <p>Browsers cannot set an {@code Authorization} header on a WebSocket, so real servers read a cookie
 * or a token in the query string; both are in the {@link HttpRequest}. A credential that expires while
 * the connection is open is the handler's business: close with an application code such as 4001.
 */
@FunctionalInterface
public interface Authenticator {

    /** Allows every client. */
    Authenticator ALLOW_ALL = request -> Optional.empty();

    /**
     * Returns empty to let the client in, or the rejection to answer with, typically
     * {@link #unauthorized} (401) or {@link #forbidden} (403).
     */
    Optional<HandshakeRejection> authenticate(HttpRequest request);

    /** Returns a 401 rejection carrying {@code WWW-Authenticate: <challenge>}, e.g. {@code Bearer}. */
    static HandshakeRejection unauthorized(String challenge, String detail) {
        return HandshakeRejection.of(HandshakeRejection.Kind.AUTHENTICATION_REQUIRED, detail)
                .withHeader("WWW-Authenticate", challenge);
    }

    /** Returns a 403 rejection: the client is known but not allowed. */
    static HandshakeRejection forbidden(String detail) {
        HandshakeRejection base = HandshakeRejection.of(HandshakeRejection.Kind.AUTHENTICATION_REQUIRED, detail);
        return new HandshakeRejection(403, base.kind(), detail, base.extraHeaders());
    }
}

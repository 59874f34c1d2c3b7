package dev.wslab.server;

import dev.wslab.protocol.handshake.ServerHandshake;

import java.util.List;
import java.util.Objects;

/**
 * Endpoint is a WebSocket service at one path: its handler and the subprotocols it speaks, in its
 * order of preference (RFC 6455 §4.2.2 /subprotocol/).
 *
 * @param path the resource name's path, without query, e.g. {@code /chat}
 * @param handler the code run for each accepted connection
 * @param subprotocols the subprotocols it speaks; empty for none
 */
public record Endpoint(String path, WebSocketHandler handler, List<String> subprotocols) {

    public Endpoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        subprotocols = List.copyOf(subprotocols);
        if (!path.startsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException("an endpoint path starts with '/' and has no query, got " + path);
        }
    }

    /** Returns the handshake that validates requests for this endpoint and picks its subprotocol. */
    ServerHandshake handshake() {
        return ServerHandshake.supporting(subprotocols.toArray(String[]::new));
    }
}
